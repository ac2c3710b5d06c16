#!/usr/bin/env bash
# One probe: succeeds when the registry on 127.0.0.1:$1 answers every interaction, decisions included (/health/ready).
# A build from before /health/ready existed (it answers 404) is probed on /health/live, as then.
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready") || exit 1
[ "$code" = 200 ] && exit 0
[ "$code" = 404 ] && curl -sf -o /dev/null "http://127.0.0.1:$1/health/live"
