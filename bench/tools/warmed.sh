#!/usr/bin/env bash
# Waits (up to 5 minutes) until the server whose log is $1 says its FHIR validator is warm. Since decision 21 the
# warm-up runs beside serving, so a measurement taken before it ends sees creates that compile the validator
# themselves and a machine whose cores are busy compiling.
for _ in $(seq 1 600); do grep -q "FHIR validator ready" "$1" && exit 0; sleep 0.5; done
echo "the server logging to $1 never said its FHIR validator was ready" >&2
exit 1
