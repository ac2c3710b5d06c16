#!/usr/bin/env bash
# Objection-rate monitoring at scale: the rates job (full and incremental), detection over two years of weekly
# series, and the dashboard's JSON pages. Writes bench/results/<date>-monitoring.md. Not part of the test command.
#   SCALE=1 bench/monitoring.sh      # all of England (the default); needs the data bench/run.sh generates
#   SCALE=0.01 bench/monitoring.sh   # quick
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-1}
PORT=${PORT:-5097}
data="bench/.data/scale-$SCALE"
db="$PWD/$data/consent-registry.db"
stamp=$(date -u +%Y-%m-%d)
report="bench/results/$stamp-monitoring.md"
[ -f "$db" ] || { echo "No data at $data: run SCALE=$SCALE bench/run.sh first (it generates it)." >&2; exit 1; }
dotnet build -c Release ConsentRegistry.sln -v q -nologo >/dev/null
app="$PWD/src/ConsentApi/bin/Release/net10.0"
export ASPNETCORE_ENVIRONMENT=Production Persistence__DataDirectory="$PWD/$data" Monitoring__JobsEnabled=false Monitoring__StaleAfterSeconds=5
export AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT" Auth__AccessTokenMinutes=60 Auth__RatePerSecond=10000000 Auth__RateBurst=10000000
sql() { python3 -c "import sqlite3,sys; c=sqlite3.connect('file:$db?mode=ro', uri=True); print(c.execute(sys.argv[1]).fetchone()[0])" "$1"; }

# List sizes: the generator's publication, or one counted from the registrations for data generated before it wrote them.
if [ "$(sql 'SELECT count(*) FROM sqlite_master WHERE name = "list_size_imports"')" = 0 ] || [ "$(sql 'SELECT count(*) FROM list_size_imports')" = 0 ]; then
  [ -f "$data/out/gp-reg-pat-prac-quin-age.csv" ] || python3 bench/tools/list-sizes-from-db.py "$db" "$data/out" "$(date -u +%Y-%m-01)"
  dotnet "$app/ConsentApi.dll" --contentRoot "$app" import-list-sizes --dir "$data/out"
fi

today=$(date -u +%F)
last_sunday=$(date -u -d "$today -$(( $(date -u +%u) % 7 )) days" +%F)
[ "$last_sunday" = "$today" ] && last_sunday=$(date -u -d "$today -7 days" +%F)
first=$(date -u -d "$last_sunday -1 day" +%F)
# Two years of weekly series for detection, inserted (computing past weeks through the job costs every change since).
if [ "$(sql 'SELECT count(DISTINCT week_ending) FROM practice_weeks')" -lt 100 ]; then
  python3 bench/tools/weekly-history.py "$db" "$(date -u -d "$last_sunday -7 days" +%F)" 103
fi

echo "Rates and detection, $first to $(date -u -d "$today -1 day" +%F) (the first day loads the population attribution) ..."
/usr/bin/time -f "%e s, peak %M KB" -o "$data/monitoring.time" \
  dotnet "$app/ConsentApi.dll" --contentRoot "$app" compute-rates --from "$first" --to "$(date -u -d "$today -1 day" +%F)" > "$data/monitoring.log" 2>&1
grep -E '^20[0-9]{2}-' "$data/monitoring.log" | grep -v ' done in ' || true
index_built=$(grep -o 'Decision index built: .*' "$data/monitoring.log" | head -1)
index_seconds=$(echo "$index_built" | grep -Eo 'in [0-9.]+ s' | grep -Eo '[0-9.]+')
attribution=$(grep -o 'Population attribution: .*' "$data/monitoring.log" | head -1)

# The dashboard's pages, against /health/live on the same server: median of 20 requests each (time to first byte).
key="$data/bench-client.pem"
bench/tools/client-key.sh "$data"
dotnet "$app/ConsentApi.dll" --contentRoot "$app" clients add --id bench-monitoring --ods X26 --name "Monitoring benchmark" \
  --jwks "$data/bench-client.jwks.json" --scopes "registry.monitoring" >/dev/null 2>&1 || true
dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" > "$data/monitoring-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 1200); do bench/tools/ready.sh "$PORT" && break; sleep 0.5; done
TOKEN=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$key" KID=bench-1 demo/get-token.sh bench-monitoring "registry.monitoring")
ods=$(sql "SELECT ods_code FROM practice_weeks ORDER BY ods_code LIMIT 1")
median() { # url: median time to first byte of 20 requests after 3 warm-ups, in ms
  for _ in 1 2 3; do curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "$1"; done
  for _ in $(seq 1 20); do curl -s -o /dev/null -w '%{time_starttransfer}\n' -H "Authorization: Bearer $TOKEN" "$1"; done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", (a[10]+a[11])/2*1000}'
}
base="http://127.0.0.1:$PORT"
pages=("health/live" "monitoring/summary" "monitoring/rates?level=practice&sort=-rate&count=50" "monitoring/rates?level=region"
  "monitoring/funnel?policy=national-data-opt-out" "monitoring/practices/$ods/series?policy=national-data-opt-out" "monitoring/flags?status=open"
  "monitoring/jobs/runs")
rm -f "$data/pages.txt"
for page in "${pages[@]}"; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$base/$page")
  echo "$page|$(median "$base/$page")|$status" >> "$data/pages.txt"
done
curl -s -o /dev/null -w '%{time_total} s, %{size_download} bytes\n' -H "Authorization: Bearer $TOKEN" "$base/monitoring/rates.csv" > "$data/csv.txt"
kill $server; wait $server 2>/dev/null || true

{
  echo "# Monitoring benchmarks, $stamp"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo). Data: synthetic England at scale $SCALE on SQLite"
  echo "($(sql 'SELECT count(*) FROM practices') practices; $(sql 'SELECT count(*) FROM practice_weeks') practice-weeks of series)."
  echo
  echo "## Jobs (\`compute-rates\`, one process; times from the job-run table)"
  echo
  echo "Baseline in the same process: $index_built. $attribution."
  echo
  echo "| day | job | seconds | ratio to the index build | outcome |"
  echo "| --- | --- | ---: | ---: | --- |"
  grep -E '^20[0-9]{2}-[0-9]{2}-[0-9]{2} (rates|detection) ' "$data/monitoring.log" | while read -r day job status seconds _ rest; do
    echo "| $day | $job | $seconds | $(awk -v s="$seconds" -v b="$index_seconds" 'BEGIN {printf "%.4f", s/b}') | ${rest} |"
  done
  echo
  echo "Whole process (index build, attribution, every run): $(cat "$data/monitoring.time")."
  echo
  echo "## Dashboard pages (median time to first byte of 20 requests, loopback)"
  echo
  echo "| page | ms | ratio to /health/live | status |"
  echo "| --- | ---: | ---: | --- |"
  live=$(awk -F'|' '$1=="health/live" {print $2}' "$data/pages.txt")
  while IFS='|' read -r page ms status; do
    echo "| \`/$page\` | $ms | $(awk -v a="$ms" -v b="$live" 'BEGIN {printf "%.1f", a/b}') | $status |"
  done < "$data/pages.txt"
  echo
  echo "CSV download of the latest day (every level): $(cat "$data/csv.txt")."
} > "$report"
echo "Wrote $report"
