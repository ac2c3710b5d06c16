#!/usr/bin/env bash
# The $evaluate target on its own, measured in interleaved rounds: each round runs the trivial endpoint
# (/health/live) and then $evaluate for ROUND_SECONDS each, and the report gives every round's ratio and the median.
# On a shared machine the speed of both drifts by ±30% within a minute; a ratio taken from neighbouring intervals,
# repeated, is steadier than one long run of each. Needs the data bench/run.sh generates for the same SCALE.
#   SCALE=0.01 bench/evaluate.sh      # on PostgreSQL: POSTGRES='Host=...;Database=...' (see bench/README.md); ROUNDS (default 7), ROUND_SECONDS (default 5), CONNECTIONS (default 16), WARM_SECONDS (default 40), REPORT (default bench/results/<date>-evaluate[-postgres].md)
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-0.1}
ROUNDS=${ROUNDS:-7}
ROUND_SECONDS=${ROUND_SECONDS:-5}
CONNECTIONS=${CONNECTIONS:-16}
WARM_SECONDS=${WARM_SECONDS:-40}
PORT=${PORT:-5099}
if [ -n "${POSTGRES:-}" ]; then
  # PostgreSQL: the data is already generated into that database (generate --scale with Persistence__Provider=Postgres),
  # and this folder holds its nhs.txt (20,000 people with a choice) and the bench client's key.
  data="bench/.data/pg-$SCALE"
  export Persistence__Provider=Postgres Persistence__ConnectionString="$POSTGRES"
  [ -f "$data/nhs.txt" ] || { echo "No $data/nhs.txt: generate scale $SCALE into the database and list 20,000 people with a choice there." >&2; exit 1; }
  database="PostgreSQL ($(psql "$(echo "$POSTGRES" | sed 's/;/ /g; s/Username=/user=/; s/Host=/host=/; s/Port=/port=/; s/Database=/dbname=/')" -Atc 'SHOW server_version' 2>/dev/null || echo '?'))"
else
  data="bench/.data/scale-$SCALE"
  [ -f "$data/consent-registry.db" ] && [ -f "$data/nhs.txt" ] || { echo "No data for scale $SCALE: run SCALE=$SCALE bench/run.sh first." >&2; exit 1; }
  database=SQLite
fi
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
dotnet build -c Release ConsentRegistry.sln -v q -nologo >/dev/null

export ASPNETCORE_ENVIRONMENT=Production Persistence__DataDirectory="$PWD/$data"
export AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT" Auth__AccessTokenMinutes=60 Auth__RatePerSecond=10000000 Auth__RateBurst=10000000
app="$PWD/src/ConsentApi/bin/Release/net10.0"
bench/tools/client-key.sh "$data"
# A client of its own (registered once with this data folder's key; the registry refuses a second registration).
dotnet "$app/ConsentApi.dll" --contentRoot "$app" clients add --id bench-evaluate --ods RR8 --name "Evaluate benchmark" --jwks "$data/bench-client.jwks.json" \
  --scopes "system/Consent.rs system/Consent.cud registry.decisions registry.admin" >/dev/null 2>&1 || true
dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" >"$data/evaluate-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
up=no
for _ in $(seq 1 1200); do bench/tools/ready.sh "$PORT" && { up=yes; break; }; sleep 0.5; done
[ "$up" = yes ] || { echo "The registry did not start; see $data/evaluate-server.log" >&2; exit 1; }
TOKEN=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$data/bench-client.pem" KID=bench-1 demo/get-token.sh bench-evaluate "system/Consent.rs system/Consent.cud registry.decisions registry.admin")
export TOKEN NHS="$PWD/$data/nhs.txt"

# Warm both paths before measuring. Tiered compilation of the whole server (ASP.NET Core, EF Core, Identity) is
# still running 20 s into the load on this 2-core machine (perf: its thread took a quarter of the server's CPU);
# after 40 s it has finished (0.4%), and the rounds then measure the steady state a long-running service is in.
wrk -t2 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT/health/live" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"${WARM_SECONDS}s" -s bench/http/evaluate.lua "http://127.0.0.1:$PORT" >/dev/null

busy() { awk '/^cpu / {print $2+$3+$4+$7+$8}' /proc/stat; } # all processes, in clock ticks (1/100 s)
rows=()
ratios=()
for round in $(seq 1 "$ROUNDS"); do
  b0=$(busy)
  base=$(wrk -t2 -c"$CONNECTIONS" -d"${ROUND_SECONDS}s" "http://127.0.0.1:$PORT/health/live" | awk '/Requests\/sec/ {print $2}')
  b1=$(busy)
  read -r eval p99 errors < <(wrk -t2 -c"$CONNECTIONS" -d"${ROUND_SECONDS}s" --latency -s bench/http/evaluate.lua "http://127.0.0.1:$PORT" \
    | awk '/Requests\/sec/ {r=$2} $1=="99%" {p=$2} /Non-2xx|Socket errors/ {e="yes"} END {print r, p, (e ? e : "none")}')
  b2=$(busy)
  ratio=$(awk -v e="$eval" -v b="$base" 'BEGIN {printf "%.3f", e/b}')
  cpu_base=$(awk -v t=$((b1 - b0)) -v r="$base" -v s="$ROUND_SECONDS" 'BEGIN {printf "%.0f", t * 10000 / (r * s)}')
  cpu_eval=$(awk -v t=$((b2 - b1)) -v r="$eval" -v s="$ROUND_SECONDS" 'BEGIN {printf "%.0f", t * 10000 / (r * s)}')
  rows+=("| $round | $base | $eval | $ratio | $p99 | $cpu_base | $cpu_eval | $errors |")
  ratios+=("$ratio")
  echo "  round $round: /health/live $base/s, \$evaluate $eval/s (p99 $p99), ratio $ratio"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
kill $server; wait $server 2>/dev/null || true

report=${REPORT:-"bench/results/$(date -u +%Y-%m-%d)-evaluate${POSTGRES:+-postgres}.md"}
{
  echo "# \$evaluate against the trivial endpoint, $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
  echo ".NET SDK $(dotnet --version). Data: synthetic England at scale $SCALE on $database. wrk: 2 threads, $CONNECTIONS connections, loopback,"
  echo "$ROUNDS rounds of $ROUND_SECONDS s per endpoint, interleaved; \$evaluate asks about random people with a choice (bench/http/evaluate.lua),"
  echo "with the bench client's bearer token; every answer is audited. CPU is the whole machine's (server, wrk, kernel) per request."
  echo
  echo "| round | /health/live req/s | \$evaluate req/s | ratio | \$evaluate p99 | CPU µs/req, live | CPU µs/req, \$evaluate | errors |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Median ratio: **$median** (target: at least 0.5)."
} > "$report"
echo "Median ratio $median; written to $report"
