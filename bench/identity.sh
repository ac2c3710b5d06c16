#!/usr/bin/env bash
# Token issuance before and after a change to the token server (issue 22: OpenIddict), in interleaved rounds so both
# builds meet the same noise. Each build runs on its own empty SQLite database (issuing a token reads no patient data).
# Each figure is client_credentials tokens per second (each request with its own signed assertion, as SMART Backend
# Services requires) divided by GET /health/live on the same server in the same round. Writes
# bench/results/<date>-identity.md.
#   BEFORE_REV=1650c2c bench/identity.sh        # about 4 minutes with the default 3 rounds
# ROUNDS (default 3), DURATION (seconds per measurement, default 10), CONNECTIONS (default 16).
# The validated request ($evaluate, its ratio to /health/live) is measured with
#   BEFORE_REV=1650c2c SCALE=0.01 FRESH=1 SCENARIOS=evaluate bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE_REV=${BEFORE_REV:?name the revision to compare against, e.g. BEFORE_REV=1650c2c}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-5098}
data="bench/.data/identity"
results="bench/results"
report=${REPORT:-"$results/$(date -u +%Y-%m-%d)-identity.md"}
mkdir -p "$data" "$results"

before=$(bench/tools/build-before.sh "$BEFORE_REV")
dotnet build -c Release src/ConsentApi -v q -nologo >/dev/null
dotnet build -c Release bench/ConsentRegistry.Benchmarks -v q -nologo >/dev/null
after="$PWD/src/ConsentApi/bin/Release/net10.0"
load="$PWD/bench/ConsentRegistry.Benchmarks/bin/Release/net10.0/ConsentRegistry.Benchmarks.dll"
bench/tools/client-key.sh "$data"
scope="system/Consent.rs system/Consent.cud registry.decisions"

export ASPNETCORE_ENVIRONMENT=Production AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT"
export Auth__RatePerSecond=10000000 Auth__RateBurst=10000000 Monitoring__JobsEnabled=false Logging__LogLevel__Default=Warning
out="$data/identity.txt"
rm -f "$out"
measure() { # build-name, app dir
  local name=$1 app=$2 folder="$PWD/$data/$1"
  rm -rf "$folder"; mkdir -p "$folder"
  export Persistence__DataDirectory="$folder"
  dotnet "$app/ConsentApi.dll" --contentRoot "$app" clients add --id bench --ods RR8 --name "Benchmark client" \
    --jwks "$data/bench-client.jwks.json" --scopes "$scope" >/dev/null
  dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" >"$data/server-$name.log" 2>&1 &
  local server=$!
  for _ in $(seq 1 600); do bench/tools/ready.sh "$PORT" && break; sleep 0.5; done
  dotnet "$load" tokens "http://127.0.0.1:$PORT" "$data/bench-client.pem" bench "$scope" 5 "$CONNECTIONS" >/dev/null # warm-up
  dotnet "$load" tokens "http://127.0.0.1:$PORT" "$data/bench-client.pem" bench "$scope" "$DURATION" "$CONNECTIONS" > "$data/load.txt"
  while IFS='|' read -r what rate errors; do echo "$name|$round|$what|$rate|$errors" >> "$out"; done < "$data/load.txt"
  kill $server; wait $server 2>/dev/null || true
}

for round in $(seq 1 "$ROUNDS"); do
  echo "round $round of $ROUNDS ..."
  if [ $((round % 2)) = 1 ]; then measure before "$before"; measure after "$after"; else measure after "$after"; measure before "$before"; fi
done

python3 - "$out" "$BEFORE_REV" "$(git rev-parse --short HEAD)" "$DURATION" "$CONNECTIONS" > "$report" <<'PY'
import statistics, sys
rows = [l.strip().split("|") for l in open(sys.argv[1]) if l.strip()]
runs = {}
for build, rnd, what, value, errors in rows:
    runs.setdefault((build, rnd), {})[what] = (float(value), errors)
print(f"# Token issuance before and after: {sys.argv[2]} against {sys.argv[3]} (working tree)\n")
print(f"Each build on its own empty SQLite database; client_credentials with an RS384 assertion per request (signed before "
      f"the clock starts); {sys.argv[5]} concurrent connections, {sys.argv[4]} s per measurement after 5 s of warm-up; "
      "builds alternate round by round.\n")
print("Ratio = tokens per second / `GET /health/live` per second on the same server in the same round.\n")
print("| | ratio per round | median ratio | median tokens/s | errors |")
print("| --- | --- | ---: | ---: | ---: |")
med = {}
for b in ["before", "after"]:
    mine = [r for (bb, _), r in sorted(runs.items()) if bb == b]
    ratios = [r["tokens"][0] / r["baseline"][0] for r in mine]
    med[b] = statistics.median(ratios)
    errors = sum(int(r["tokens"][1]) for r in mine)
    print(f"| {b} | {', '.join(f'{x:.3f}' for x in ratios)} | {med[b]:.3f} | {statistics.median(r['tokens'][0] for r in mine):.0f} | {errors} |")
print(f"\nAfter's median ratio over before's: **{med['after'] / med['before']:.2f}**.\n")
print("| build | round | measurement | per second | errors |")
print("| --- | ---: | --- | ---: | ---: |")
for build, rnd, what, value, errors in rows:
    print(f"| {build} | {rnd} | {what} | {value} | {errors} |")
PY
cat "$report"
