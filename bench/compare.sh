#!/usr/bin/env bash
# Compares two builds of the API on the same data: BEFORE_REV (a git revision, built here in a worktree) against the
# working tree, in interleaved rounds so both meet the same noise. Writes bench/results/<date>-compare.md.
#   BEFORE_REV=0fbb5c2 SCALE=0.01 bench/compare.sh
# ROUNDS (default 3), DURATION (seconds per scenario, default 10), CONNECTIONS (default 16).
# FRESH=1 starts a new server for each scenario (warmed on that scenario alone, with its own baseline), so no
# scenario's after-effects (garbage, background audit work) fall on the next one.
# Needs the data bench/run.sh generates for SCALE (it is generated here if missing).
# PROVIDER=Postgres runs both builds on a durable PostgreSQL cluster kept in bench/.data/pg-SCALE (bench/tools/postgres.sh;
# data generated into it when empty), and reports PostgreSQL's CPU per request beside the API's.
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE_REV=${BEFORE_REV:?name the revision to compare against, e.g. BEFORE_REV=main}
SCALE=${SCALE:-0.01}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-5099}
SCENARIOS=${SCENARIOS:-read search create evaluate}   # FRESH=1 only
WARM_SECONDS=${WARM_SECONDS:-5}                       # FRESH=1 only: load on the scenario before measuring it
PROVIDER=${PROVIDER:-Sqlite}
PG_PORT=${PG_PORT:-5433}                              # Postgres only: the bench cluster's port
data="bench/.data/scale-$SCALE"
results="bench/results"
stamp=$(date -u +%Y-%m-%d)
report=${REPORT:-"$results/$stamp-compare.md"}
mkdir -p "$data" "$results"
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }

before=$(bench/tools/build-before.sh "$BEFORE_REV")
dotnet build -c Release src/ConsentApi -v q -nologo >/dev/null
after="$PWD/src/ConsentApi/bin/Release/net10.0"

export ASPNETCORE_ENVIRONMENT=Production Persistence__DataDirectory="$PWD/$data"
export AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT" Auth__AccessTokenMinutes=60 Auth__RatePerSecond=10000000 Auth__RateBurst=10000000
if [ "$PROVIDER" = Postgres ]; then
  data="bench/.data/pg-$SCALE"
  mkdir -p "$data"
  export Persistence__Provider=Postgres Persistence__ConnectionString="$(bench/tools/postgres.sh "$data" "$PG_PORT")" Persistence__DataDirectory="$PWD/$data"
  sql() { psql "postgresql://postgres@127.0.0.1:$PG_PORT/consentregistry" -tAc "$1"; }
  if [ "$(sql "SELECT to_regclass('consent_versions') IS NOT NULL AND EXISTS (SELECT 1 FROM consent_versions)")" != t ]; then
    echo "Generating synthetic England at scale $SCALE into PostgreSQL ..."
    dotnet "$before/ConsentApi.dll" --contentRoot "$before" generate --scale "$SCALE" --out "$data/out" | tee "$data/generate.log"
  fi
  sql "SELECT resource_id FROM consent_versions WHERE version_id = 1 ORDER BY random() LIMIT 20000" > "$data/ids.txt"
  sql "SELECT patient_nhs_number FROM consent_versions WHERE version_id = 1 ORDER BY random() LIMIT 20000" > "$data/nhs.txt"
  used_slots() { sql "SELECT DISTINCT (left(patient_nhs_number, 9)::bigint - 980000000) / 60000 FROM consent_versions WHERE patient_nhs_number LIKE '98%'"; }
  postmaster=$(head -n 1 "$data/cluster/data/postmaster.pid")
  # PostgreSQL's CPU so far: the postmaster and every process it started (backends, WAL writer, checkpointer).
  db_ticks() { for p in "$postmaster" $(pgrep -P "$postmaster"); do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done | awk '{t += $1} END {print t + 0}'; }
else
  if [ ! -f "$data/consent-registry.db" ]; then
    echo "Generating synthetic England at scale $SCALE into $data ..."
    dotnet "$before/ConsentApi.dll" --contentRoot "$before" generate --scale "$SCALE" --out "$data/out" | tee "$data/generate.log"
  fi
  python3 - "$PWD/$data/consent-registry.db" "$data" <<'PY'
import sqlite3, sys
c = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
open(f"{sys.argv[2]}/ids.txt", "w").write("\n".join(r[0] for r in c.execute("SELECT resource_id FROM consent_versions WHERE version_id = 1 ORDER BY random() LIMIT 20000")) + "\n")
open(f"{sys.argv[2]}/nhs.txt", "w").write("\n".join(r[0] for r in c.execute("SELECT patient_nhs_number FROM consent_versions WHERE version_id = 1 ORDER BY random() LIMIT 20000")) + "\n")
PY
  db_ticks() { echo 0; }
fi
bench/tools/client-key.sh "$data"
dotnet "$after/ConsentApi.dll" --contentRoot "$after" clients add --id bench --ods RR8 --name "Benchmark client" --jwks "$data/bench-client.jwks.json" \
  --scopes "system/Consent.rs system/Consent.cud registry.decisions registry.admin" >/dev/null 2>&1 || true

out="$data/compare.txt"
rm -f "$out"
# Each create run takes a slot of create.lua's 160 (60,000 fresh NHS numbers each) that no earlier run used, so every
# create is new (a 409 for a number already recorded is cheaper than a create and would flatter the rate).
if [ "$PROVIDER" = Postgres ]; then
  free_slots=($(comm -23 <(seq 0 159 | sort) <(used_slots | sort) | sort -n))
else
  free_slots=($(bench/tools/free-slots.py "$PWD/$data/consent-registry.db"))
fi
next_slot() { free_slots=("${free_slots[@]:1}"); [ ${#free_slots[@]} -gt 0 ] || { echo "create.lua has no unused slot left in $data; generate the data again" >&2; exit 1; }; slot=${free_slots[0]}; }
slot=${free_slots[0]:?create.lua has no unused slot left in $data; generate the data again}

# The FHIR validator's warm-up runs beside serving since decision 21 (before, it ran before the server listened); a
# baseline measured while it still compiles would be depressed and flatter every ratio, so both builds wait for it.
# The server's CPU time so far (user + system, in clock ticks of 10 ms), from /proc.
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# One row per measured run: build|round|scenario|requests/s|non-2xx|p99|server CPU µs per request|resident MB after|
# database CPU µs per request (PostgreSQL's processes; 0 on SQLite, which runs inside the server).
record() { # build-name, scenario, server pid, ticks before the run, database ticks before the run
  local requests; requests=$(awk '/requests in/ {print $1}' "$data/wrk.txt")
  local cpu=$(( ($(ticks "$3") - $4) * 10000 / (requests > 0 ? requests : 1) ))
  local db=$(( ($(db_ticks) - ${5:-0}) * 10000 / (requests > 0 ? requests : 1) ))
  local rss; rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$3/status")
  echo "$1|$round|$2|$(awk '/Requests\/sec/ {print $2}' "$data/wrk.txt")|$(awk '/Non-2xx/ {print $5}' "$data/wrk.txt")|$(awk '$1 == "99%" {print $2}' "$data/wrk.txt")|$cpu|$rss|$db" >> "$out"
}
measure() { # build-name, app dir
  local name=$1 app=$2
  dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" >"$data/server-$name.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 600); do bench/tools/ready.sh "$PORT" && break; sleep 0.5; done
  bench/tools/warmed.sh "$data/server-$name.log"
  TOKEN=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$data/bench-client.pem" KID=bench-1 demo/get-token.sh bench "system/Consent.rs system/Consent.cud registry.decisions registry.admin")
  export TOKEN IDS="$PWD/$data/ids.txt" NHS="$PWD/$data/nhs.txt"
  # Warm every path the JIT will see (tiered compilation runs for tens of seconds on two cores).
  for s in read search evaluate; do wrk -t2 -c"$CONNECTIONS" -d5s -s "bench/http/$s.lua" "http://127.0.0.1:$PORT" >/dev/null; done
  SLOT=$slot wrk -t2 -c"$CONNECTIONS" -d5s -s bench/http/create.lua "http://127.0.0.1:$PORT" >/dev/null; next_slot
  wrk -t2 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT/health/live" >/dev/null
  for scenario in baseline read search create evaluate; do
    local args=(-s "bench/http/$scenario.lua")
    [ "$scenario" = baseline ] && args=()
    local url="http://127.0.0.1:$PORT"; [ "$scenario" = baseline ] && url="$url/health/live"
    local before_ticks before_db; before_ticks=$(ticks "$server"); before_db=$(db_ticks)
    SLOT=$slot wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "${args[@]}" "$url" > "$data/wrk.txt"
    [ "$scenario" = create ] && next_slot
    record "$name" "$scenario" "$server" "$before_ticks" "$before_db"
  done
  kill $server; wait $server 2>/dev/null || true
}
measure_fresh() { # build-name, app dir: one server per scenario
  local name=$1 app=$2
  for scenario in $SCENARIOS; do
    dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" >"$data/server-$name.log" 2>&1 &
    local server=$!
    for _ in $(seq 1 600); do bench/tools/ready.sh "$PORT" && break; sleep 0.5; done
    bench/tools/warmed.sh "$data/server-$name.log"
    TOKEN=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$data/bench-client.pem" KID=bench-1 demo/get-token.sh bench "system/Consent.rs system/Consent.cud registry.decisions registry.admin")
    export TOKEN IDS="$PWD/$data/ids.txt" NHS="$PWD/$data/nhs.txt"
    SLOT=$slot wrk -t2 -c"$CONNECTIONS" -d"${WARM_SECONDS}s" -s "bench/http/$scenario.lua" "http://127.0.0.1:$PORT" >/dev/null
    [ "$scenario" = create ] && next_slot
    wrk -t2 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT/health/live" >/dev/null
    local before_ticks before_db; before_ticks=$(ticks "$server"); before_db=$(db_ticks)
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "http://127.0.0.1:$PORT/health/live" > "$data/wrk.txt"
    record "$name" "baseline-$scenario" "$server" "$before_ticks" "$before_db"
    before_ticks=$(ticks "$server"); before_db=$(db_ticks)
    SLOT=$slot wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "bench/http/$scenario.lua" "http://127.0.0.1:$PORT" > "$data/wrk.txt"
    [ "$scenario" = create ] && next_slot
    record "$name" "$scenario" "$server" "$before_ticks" "$before_db"
    kill $server; wait $server 2>/dev/null || true
  done
}
[ "${FRESH:-0}" = 1 ] && measure() { measure_fresh "$@"; }

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS ..."
  if [ $((round % 2)) = 1 ]; then measure before "$before"; measure after "$after"; else measure after "$after"; measure before "$before"; fi
done

python3 - "$out" "$BEFORE_REV" "$(git rev-parse --short HEAD)" "$SCALE" "$DURATION" "$CONNECTIONS" "$WARM_SECONDS" "$PROVIDER" > "$report" <<'PY'
import statistics, sys
rows = [l.strip().split("|") for l in open(sys.argv[1]) if l.strip()]
runs, cpu = {}, {}
for build, rnd, scenario, rps, non2xx, *rest in rows:
    runs.setdefault((build, rnd), {})[scenario] = (float(rps), non2xx or "0")
    if len(rest) > 1 and rest[1]:
        cpu.setdefault((build, scenario), []).append(int(rest[1]))
print(f"# Before and after: {sys.argv[2]} against {sys.argv[3]} (working tree)\n")
print(f"Synthetic England at scale {sys.argv[4]} on {'PostgreSQL' if sys.argv[8] == 'Postgres' else 'SQLite'}, one database for both; wrk, 2 threads, {sys.argv[6]} connections, "
      f"{sys.argv[5]} s per scenario after {sys.argv[7]} s of warm-up each; builds alternate round by round.\n")
print("Each figure is requests per second divided by `GET /health/live` on the same server in the same round; "
      "the last column divides after's median ratio by before's.\n")
print("| scenario | before: ratio per round | after: ratio per round | before median | after median | after / before |")
print("| --- | --- | --- | ---: | ---: | ---: |")
for scenario in [s for s in ["read", "search", "create", "evaluate"] if any(r.get(s) for r in runs.values())]:
    base = lambda r: r.get("baseline-" + scenario, r.get("baseline"))[0]
    ratio = {b: [r[scenario][0] / base(r) for (bb, _), r in sorted(runs.items()) if bb == b] for b in ["before", "after"]}
    mb, ma = statistics.median(ratio["before"]), statistics.median(ratio["after"])
    print(f"| {scenario} | {', '.join(f'{x:.3f}' for x in ratio['before'])} | {', '.join(f'{x:.3f}' for x in ratio['after'])} | {mb:.3f} | {ma:.3f} | {ma / mb:.2f} |")
if cpu:
    print("\nThe server's CPU time per request (median over rounds; the trivial endpoint's for scale):\n")
    print("| scenario | before µs/request | after µs/request |")
    print("| --- | ---: | ---: |")
    for scenario in sorted({sc for (_, sc) in cpu}):
        med = lambda b: f"{statistics.median(cpu[(b, scenario)]):.0f}" if (b, scenario) in cpu else "-"
        print(f"| {scenario} | {med('before')} | {med('after')} |")
postgres = sys.argv[8] == "Postgres"
print("\nRequests per second, non-2xx answers, 99th-percentile latency (baselines run without --latency), the server's CPU time per "
      "request (user + system from /proc, 10 ms ticks over the run)" + (", PostgreSQL's (all its processes)" if postgres else "")
      + " and the server's resident memory after the run:\n")
print("| build | round | scenario | requests/s | non-2xx | p99 | server CPU µs/request | resident MB |" + (" PostgreSQL CPU µs/request |" if postgres else ""))
print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: |" if postgres else ""))
for build, rnd, scenario, rps, non2xx, *rest in rows:
    rest += [""] * (4 - len(rest))
    print(f"| {build} | {rnd} | {scenario} | {rps} | {non2xx or 0} | {rest[0] or '-'} | {rest[1] or '-'} | {rest[2] or '-'} |" + (f" {rest[3] or '-'} |" if postgres else ""))
PY
cat "$report"
