#!/usr/bin/env bash
# Runs the benchmark suite and writes bench/results/<date>.md. Not part of the test command.
#   bench/run.sh                 # 10% of England (~6M patients), quick
#   SCALE=1 bench/run.sh         # all of England (~64M patients); the first run generates ~20 GB of data
# DURATION (seconds per HTTP scenario, default 15), CONNECTIONS (default 16), WARM_SECONDS (load on each scenario
# before it is measured, default 10; creates get four times as long: the JIT keeps recompiling their path for 20 s
# and more), MICRO=0 skips the BenchmarkDotNet micro benchmarks (ten minutes and more), REPORT names the output.
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-0.1}
DURATION=${DURATION:-15}
CONNECTIONS=${CONNECTIONS:-16}
WARM_SECONDS=${WARM_SECONDS:-10}
MICRO=${MICRO:-1}
PORT=${PORT:-5099}
data="bench/.data/scale-$SCALE"
results="bench/results"
stamp=$(date -u +%Y-%m-%d)
report=${REPORT:-"$results/$stamp.md"}
mkdir -p "$data" "$results"

command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
dotnet build -c Release ConsentRegistry.sln -v q -nologo >/dev/null

export ASPNETCORE_ENVIRONMENT=Production
export Persistence__DataDirectory="$PWD/$data"
# Tokens: the bench is one client asking as fast as it can, so its token lives an hour and its rate is unlimited.
export AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT" Auth__AccessTokenMinutes=60 Auth__RatePerSecond=10000000 Auth__RateBurst=10000000
if [ ! -f "$data/consent-registry.db" ]; then
  echo "Generating synthetic England at scale $SCALE into $data ..."
  /usr/bin/time -f "%e s, peak %M KB" -o "$data/generate.time" \
    dotnet src/ConsentApi/bin/Release/net10.0/ConsentApi.dll --contentRoot "$PWD/src/ConsentApi/bin/Release/net10.0" \
      generate --scale "$SCALE" --out "$data/out" | tee "$data/generate.log"
fi
db="$PWD/$data/consent-registry.db"
python3 - "$db" "$data" <<'PY'
import sqlite3, sys
db, out = sys.argv[1], sys.argv[2]
c = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
ids = [r[0] for r in c.execute("SELECT resource_id FROM consent_versions WHERE version_id = 1 ORDER BY random() LIMIT 20000")]
nhs = [r[0] for r in c.execute("SELECT patient_nhs_number FROM consent_versions WHERE version_id = 1 ORDER BY random() LIMIT 20000")]
open(f"{out}/ids.txt", "w").write("\n".join(ids) + "\n")
open(f"{out}/nhs.txt", "w").write("\n".join(nhs) + "\n")
# A million registered people for the bulk check, spread evenly over the population (about 7% have an objection).
if not __import__("os").path.exists(f"{out}/bulk-1m.dat"):
    step = max(1, c.execute("SELECT max(id) FROM patient_registrations").fetchone()[0] // 1_000_000)
    rows = c.execute(f"SELECT nhs_number FROM patient_registrations WHERE id % {step} = 0 LIMIT 1000000")
    with open(f"{out}/bulk-1m.dat", "w") as f:
        for (n,) in rows:
            f.write(f"{n:010d},\n")
PY

app="$PWD/src/ConsentApi/bin/Release/net10.0"
# The bench's own client system: a key pair made here, registered once (the registry refuses a second registration).
key="$data/bench-client.pem"
bench/tools/client-key.sh "$data"
dotnet "$app/ConsentApi.dll" --contentRoot "$app" clients add --id bench --ods RR8 --name "Benchmark client" --jwks "$data/bench-client.jwks.json" \
  --scopes "system/Consent.rs system/Consent.cud registry.decisions registry.admin" >/dev/null 2>&1 || true

echo "Starting the registry on 127.0.0.1:$PORT ..."
dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
# Start-up includes building the decision index (about two minutes for all of England).
up=no
for _ in $(seq 1 1200); do bench/tools/ready.sh "$PORT" && { up=yes; break; }; sleep 0.5; done
[ "$up" = yes ] || { echo "The registry did not start; see $data/server.log" >&2; exit 1; }
bench/tools/warmed.sh "$data/server.log"   # the FHIR validator warms beside serving (decision 21)
rss_start=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
TOKEN=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$key" KID=bench-1 demo/get-token.sh bench "system/Consent.rs system/Consent.cud registry.decisions registry.admin")
export TOKEN
auth=(-H "Authorization: Bearer $TOKEN")
index_built=$(grep -o 'Decision index built: .*' "$data/server.log" | head -1 || true)

# Bulk opt-out check of a million numbers, end to end over HTTP, three times; peak memory growth over the
# resident size just before (the kernel's peak counter is reset first).
bulk="$PWD/$data/bulk-1m.dat"
curl -s -o /dev/null -X POST "${auth[@]}" -H 'Content-Type: application/json' "http://127.0.0.1:$PORT/register/disclosures" \
  -d '{"id":"BENCH-RESEARCH","recipientOds":"RR8","recipientName":"Benchmark","purpose":"HRESCH","dataDescription":"Benchmark extract","optOutsApply":true}'
check_url="http://127.0.0.1:$PORT/fhir/\$check-opt-outs?purpose=HRESCH&disclosure=BENCH-RESEARCH"
curl -s -o /dev/null "${auth[@]}" -H 'Content-Type: text/plain' --data-binary "@$bulk" "$check_url"
echo 5 > "/proc/$server/clear_refs"
bulk_rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
bulk_times=()
pending_fanout() { # chunks of earlier checks whose people are not yet linked to the audit
  python3 -c "import sqlite3,sys; c=sqlite3.connect('file:$db?mode=ro', uri=True); print(c.execute('SELECT count(*) FROM bulk_check_chunks c WHERE NOT EXISTS (SELECT 1 FROM bulk_check_fanout f WHERE f.bulk_check_id = c.bulk_check_id AND f.chunk_no = c.chunk_no)').fetchone()[0])"
}
for _ in 1 2 3; do
  # Each check alone: the previous check's audit fan-out (background work) finishes first.
  for _ in $(seq 1 240); do [ "$(pending_fanout)" = 0 ] && break; sleep 0.5; done
  bulk_times+=("$(curl -s -o "$data/bulk-out.dat" -w '%{time_total}' "${auth[@]}" -H 'Content-Type: text/plain' --data-binary "@$bulk" "$check_url")")
done
for _ in $(seq 1 240); do [ "$(pending_fanout)" = 0 ] && break; sleep 0.5; done
bulk_peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
bulk_kept=$(wc -l < "$data/bulk-out.dat")
bulk_best=$(printf '%s\n' "${bulk_times[@]}" | sort -n | head -1)
echo "  bulk check of 1,000,000: ${bulk_times[*]} s; $bulk_kept numbers may be used; peak growth $(( (bulk_peak - bulk_rss_before) / 1024 )) MB"

# Each create run takes a block of create.lua's fresh NHS numbers that no earlier run on this data used (a 422 for a
# number already recorded is cheaper than a create and would flatter the rate).
free_slots=($(bench/tools/free-slots.py "$db"))
[ ${#free_slots[@]} -ge 2 ] || { echo "create.lua has no unused block of NHS numbers left in $data; generate the data again" >&2; exit 1; }
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }   # the server's CPU time so far, in 10 ms ticks
run() { # name, extra wrk args...
  local name=$1; shift
  local before; before=$(ticks)
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" > "$data/wrk-$name.txt"
  local requests cpu rss
  requests=$(awk '/requests in/ {print $1}' "$data/wrk-$name.txt")
  cpu=$(( ($(ticks) - before) * 10000 / (requests > 0 ? requests : 1) ))
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$server/status")
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$data/wrk-$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$data/wrk-$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$data/wrk-$name.txt")
  local errors
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$data/wrk-$name.txt" | tr '\n' ' ')
  echo "$name|$rps|$p50|$p99|${errors:-none}|$cpu|$rss" >> "$data/http.txt"
  echo "  $name: $rps req/s, p50 $p50, p99 $p99, $cpu µs CPU a request, $rss MB ${errors}"
}
rm -f "$data/http.txt"
echo "HTTP scenarios ($DURATION s each, $CONNECTIONS connections):"
run baseline "http://127.0.0.1:$PORT/health/live"
# Read twice: first against a cold page cache (random Consents across the whole file), then warm.
IDS="$PWD/$data/ids.txt" run read-cold -s bench/http/read.lua "http://127.0.0.1:$PORT"
IDS="$PWD/$data/ids.txt" run read-warm -s bench/http/read.lua "http://127.0.0.1:$PORT"
warm() { wrk -t2 -c"$CONNECTIONS" -d"$1s" -s "bench/http/$2.lua" "http://127.0.0.1:$PORT" >/dev/null; }   # seconds, scenario
NHS="$PWD/$data/nhs.txt" warm "$WARM_SECONDS" search
NHS="$PWD/$data/nhs.txt" run search -s bench/http/search.lua "http://127.0.0.1:$PORT"
SLOT=${free_slots[0]} warm $((WARM_SECONDS * 4)) create
SLOT=${free_slots[1]} run create -s bench/http/create.lua "http://127.0.0.1:$PORT"
NHS="$PWD/$data/nhs.txt" warm "$WARM_SECONDS" evaluate
NHS="$PWD/$data/nhs.txt" run evaluate -s bench/http/evaluate.lua "http://127.0.0.1:$PORT"
peak=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")
rss_end=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
kill $server; wait $server 2>/dev/null || true

if [ "$MICRO" = 1 ]; then
  echo "Micro benchmarks ..."
  BENCH_DB="$db" dotnet bench/ConsentRegistry.Benchmarks/bin/Release/net10.0/ConsentRegistry.Benchmarks.dll \
    --filter '*' --job short --artifacts "$data/bdn" > "$data/micro.log" 2>&1
fi

baseline=$(awk -F'|' '$1=="baseline" {print $2}' "$data/http.txt")
{
  echo "# Benchmarks, $stamp"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}'),"
  echo "$(dotnet --version | sed 's/^/.NET SDK /'), $(uname -sr). Data: synthetic England at scale $SCALE on SQLite."
  echo
  if [ -f "$data/generate.log" ]; then
    echo "Load: $(grep Generated "$data/generate.log") Wall time and peak memory of the load: $(cat "$data/generate.time" 2>/dev/null)."
    echo
  fi
  echo "## HTTP ($DURATION s per scenario, wrk, 2 threads, $CONNECTIONS connections, loopback)"
  echo
  echo "Ratio: requests per second against the trivial endpoint (/health/live) on the same server in the same run."
  echo
  echo "Search, create and \$evaluate were each warmed first for $WARM_SECONDS s (creates for $((WARM_SECONDS * 4)) s). Server CPU is"
  echo "user plus system time from /proc over the run, in 10 ms ticks; resident memory is read after the run."
  echo
  echo "| scenario | requests/s | ratio to baseline | p50 | p99 | server CPU µs/request | resident MB | errors |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  while IFS='|' read -r name rps p50 p99 errors cpu rss; do
    ratio=$(awk -v a="$rps" -v b="$baseline" 'BEGIN {printf "%.3f", a/b}')
    echo "| $name | $rps | $ratio | $p50 | $p99 | $cpu | $rss | $errors |"
  done < "$data/http.txt"
  echo
  echo "Server memory: $((rss_start / 1024)) MB after start, $((rss_end / 1024)) MB at the end, peak $((peak / 1024)) MB."
  echo "${index_built:-Decision index: not reported}."
  echo
  echo "## Bulk opt-out check ($(wc -l < "$bulk") NHS numbers, .dat format, end to end over HTTP with curl, audit included)"
  echo
  evaluate_rps=$(awk -F'|' '$1=="evaluate" {print $2}' "$data/http.txt")
  echo "Three runs, each after the previous check's audit fan-out had finished: ${bulk_times[*]} s (best $bulk_best s); $bulk_kept numbers returned as usable."
  grep -o 'Bulk check [^:]*: .*' "$data/server.log" | tail -3 | sed 's/^/    /'
  echo
  echo "Peak resident memory growth during the runs: $(( (bulk_peak - bulk_rss_before) / 1024 )) MB over $((bulk_rss_before / 1024)) MB."
  echo "Ratio: a million single \$evaluate calls at this run's rate would take $(awk -v r="$evaluate_rps" 'BEGIN {printf "%.0f", 1000000/r}') s;"
  echo "the bulk check is $(awk -v r="$evaluate_rps" -v b="$bulk_best" 'BEGIN {printf "%.0f", (1000000/r)/b}')x faster."
  echo
  if [ "$MICRO" = 1 ]; then
    echo "## Micro benchmarks (BenchmarkDotNet, short job; Ratio against the Baseline row of each class)"
    echo
    for f in "$data"/bdn/results/*-report-github.md; do
      echo "### $(basename "$f" -report-github.md | sed 's/.*\.//')"
      echo
      sed -n '/^|/p' "$f"
      echo
    done
  fi
} > "$report"
echo "Wrote $report"
