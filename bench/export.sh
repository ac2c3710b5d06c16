#!/usr/bin/env bash
# Bulk export ($export) at scale: time and the server's memory while it streams every current Consent, then the whole
# access audit, to NDJSON. Baseline in the same run: a plain Python sqlite3 read of the same Consent rows, in the same
# order, written to a file. Writes bench/results/<date>-export.md. Not part of the test command.
#   SCALE=1 bench/export.sh      # all of England (needs the data bench/run.sh generates; ~10 GB of files, deleted after)
#   SCALE=0.01 bench/export.sh   # quick
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-1}
PORT=${PORT:-5098}
data="bench/.data/scale-$SCALE"
db="$PWD/$data/consent-registry.db"
stamp=$(date -u +%Y-%m-%d)
report="bench/results/$stamp-export.md"
[ -f "$db" ] || { echo "No data at $data: run SCALE=$SCALE bench/run.sh first (it generates it)." >&2; exit 1; }
dotnet build -c Release ConsentRegistry.sln -v q -nologo >/dev/null
app="$PWD/src/ConsentApi/bin/Release/net10.0"
export ASPNETCORE_ENVIRONMENT=Production Persistence__DataDirectory="$PWD/$data" Monitoring__JobsEnabled=false Subscriptions__DeliveryEnabled=false
export AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT" Auth__AccessTokenMinutes=60 Auth__RatePerSecond=10000000 Auth__RateBurst=10000000

# A job left queued or running by an earlier, interrupted run would be taken over first and counted in this one's time.
python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(\"UPDATE export_jobs SET status = 'cancelled' WHERE status IN ('queued', 'running')\"); c.commit()" "$db"
rm -rf "$data/exports"

echo "Baseline: Python reads the Consent rows in (resource, version) order and writes the current ones ..."
start=$(date +%s.%N)
python3 - "$db" "$data/baseline.ndjson" <<'PY'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
last, keep, n = None, None, 0
with open(sys.argv[2], "w") as out:
    for rid, deleted, js in c.execute("SELECT resource_id, is_deleted, resource_json FROM consent_versions ORDER BY resource_id, version_id"):
        if rid != last:
            if keep is not None: out.write(keep + "\n"); n += 1
            last, keep = rid, None
        keep = None if deleted else js
    if keep is not None: out.write(keep + "\n"); n += 1
print(n)
PY
baseline=$(echo "$(date +%s.%N) - $start" | bc)
rm -f "$data/baseline.ndjson"

key="$data/bench-client.pem"
bench/tools/client-key.sh "$data"
dotnet "$app/ConsentApi.dll" --contentRoot "$app" clients add --id bench-export --ods X26 --name "Export benchmark" \
  --jwks "$data/bench-client.jwks.json" --scopes "system/Consent.rs system/AuditEvent.rs" >/dev/null 2>&1 || true
dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" > "$data/export-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do bench/tools/ready.sh "$PORT" && break; kill -0 $server 2>/dev/null || { tail -20 "$data/export-server.log" >&2; exit 1; }; sleep 0.5; done
TOKEN=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$key" KID=bench-1 demo/get-token.sh bench-export "system/Consent.rs system/AuditEvent.rs")
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status"; }

rm -f "$data/export.txt"
for type in Consent AuditEvent; do
  sleep 2
  before=$(rss)
  t0=$(date +%s.%N)
  status=$(curl -s -D - -o /dev/null -H "Authorization: Bearer $TOKEN" -H "Prefer: respond-async" "http://127.0.0.1:$PORT/fhir/\$export?_type=$type" \
    | awk 'tolower($1) == "content-location:" {print $2}' | tr -d '\r')
  peak=$before
  while :; do
    code=$(curl -s -o "$data/manifest.json" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$status")
    now=$(rss); [ "$now" -gt "$peak" ] && peak=$now
    [ "$code" = 202 ] || break
    sleep 0.5
  done
  seconds=$(echo "$(date +%s.%N) - $t0" | bc)
  [ "$code" = 200 ] || { echo "export of $type answered $code" >&2; cat "$data/manifest.json" >&2; exit 1; }
  lines=$(python3 -c "import json,sys; print(sum(o['count'] for o in json.load(open(sys.argv[1]))['output']))" "$data/manifest.json")
  files=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['output']))" "$data/manifest.json")
  job=$(basename "$status")
  bytes=$(du -sb "$data/exports/$job" | cut -f1)
  echo "$type|$lines|$files|$bytes|$seconds|$before|$peak" >> "$data/export.txt"
  curl -s -o /dev/null -X DELETE -H "Authorization: Bearer $TOKEN" "$status"
  echo "$type: $lines lines in $seconds s"
done
kill $server; wait $server 2>/dev/null || true

{
  echo "# Bulk export benchmark, $stamp"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo). Data: synthetic England at scale $SCALE on SQLite."
  echo "Command: \`SCALE=$SCALE bench/export.sh\`. Each export is one \`GET /fhir/\$export?_type=...\` on the Release server, polled every 0.5 s"
  echo "until the manifest; memory is the server's resident set, sampled at each poll (its decision index is already loaded)."
  echo
  printf 'Baseline (same run): Python sqlite3 reads the Consent rows in the same order and writes the current ones: %.1f s.\n' "$baseline"
  echo
  echo "| type | lines | files | size | time | vs baseline | lines/s | RSS before | peak growth |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  while IFS='|' read -r type lines files bytes seconds before peak; do
    ratio="–"; [ "$type" = Consent ] && ratio=$(printf '%.2f×' "$(echo "$seconds / $baseline" | bc -l)")
    printf '| %s | %s | %s | %.1f GB | %.1f s | %s | %s | %d MB | %d MB |\n' "$type" "$lines" "$files" \
      "$(echo "$bytes / 1000000000" | bc -l)" "$seconds" "$ratio" "$(echo "$lines / $seconds" | bc)" $((before / 1024)) $(((peak - before) / 1024))
  done < "$data/export.txt"
} > "$report"
cat "$report"
