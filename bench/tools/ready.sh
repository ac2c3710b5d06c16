#!/usr/bin/env bash
# One probe: succeeds when the registry on 127.0.0.1:$1 answers every interaction, decisions included (/health/ready:
# 503 while its decision index builds). A build from before /health/ready existed (it answers 401 or 404 there) is
# probed on /health/live, as then.
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready")
case "$code" in
  200) exit 0 ;;
  000|503) exit 1 ;;
  *) curl -sf -o /dev/null "http://127.0.0.1:$1/health/live" ;;
esac
