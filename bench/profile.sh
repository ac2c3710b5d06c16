#!/usr/bin/env bash
# Where the server's CPU goes under one scenario's load: starts the Release build on the bench data, warms the
# scenario, then samples the server with dotnet-trace while wrk drives it, and prints the methods with the most
# samples (inclusive and exclusive). Writes the trace (speedscope JSON) beside the data for a closer look.
#   SCENARIO=search SCALE=0.01 bench/profile.sh
# SCENARIO: read, search, create or evaluate (bench/http/<scenario>.lua). DURATION (seconds sampled, default 15).
# WARM (seconds of load before sampling, default 10; use 40 for creates, whose code the JIT keeps recompiling).
# PROFILER=perf samples on-CPU time with Linux perf instead (the JIT's symbols through perf maps): dotnet-trace's
# thread-time samples count a thread blocked in native code as busy, perf counts only what ran.
# PROVIDER=Postgres profiles against the durable cluster in bench/.data/pg-SCALE (made and filled by
# PROVIDER=Postgres bench/compare.sh; PG_PORT as there); its ids.txt and nhs.txt drive the scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
SCENARIO=${SCENARIO:-search}
SCALE=${SCALE:-0.01}
DURATION=${DURATION:-15}
WARM=${WARM:-10}
PROFILER=${PROFILER:-dotnet-trace}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-5099}
PROVIDER=${PROVIDER:-Sqlite}
source bench/tools/bench-data.sh
command -v wrk >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk; }
trace_tool=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")
[ -x "$trace_tool" ] || dotnet tool install -g dotnet-trace >/dev/null

dotnet build -c Release src/ConsentApi -v q -nologo >/dev/null
app="$PWD/src/ConsentApi/bin/Release/net10.0"
export ASPNETCORE_ENVIRONMENT=Production
export AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT" Auth__AccessTokenMinutes=60 Auth__RatePerSecond=10000000 Auth__RateBurst=10000000
bench/tools/client-key.sh "$data"
dotnet "$app/ConsentApi.dll" --contentRoot "$app" clients add --id bench --ods RR8 --name "Benchmark client" --jwks "$data/bench-client.jwks.json" \
  --scopes "system/Consent.rs system/Consent.cud registry.decisions registry.admin" >/dev/null 2>&1 || true

[ "$PROFILER" = perf ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" >"$data/profile-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do bench/tools/ready.sh "$PORT" && break; sleep 0.5; done
bench/tools/warmed.sh "$data/profile-server.log"
TOKEN=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$data/bench-client.pem" KID=bench-1 demo/get-token.sh bench "system/Consent.rs system/Consent.cud registry.decisions registry.admin")
export TOKEN IDS="$PWD/$data/ids.txt" NHS="$PWD/$data/nhs.txt" SLOT=${SLOT:-158}

wrk -t2 -c"$CONNECTIONS" -d"${WARM}s" -s "bench/http/$SCENARIO.lua" "http://127.0.0.1:$PORT" >/dev/null   # the JIT's tiers settle
# Creates sample the next slot of fresh NHS numbers: the warm-up's would all be duplicates (cheaper 422s).
SLOT=$((SLOT + 1)) wrk -t2 -c"$CONNECTIONS" -d"$((DURATION + 4))s" --latency -s "bench/http/$SCENARIO.lua" "http://127.0.0.1:$PORT" > "$data/profile-wrk.txt" &
load=$!
sleep 2
trace="$data/profile-$SCENARIO"
if [ "$PROFILER" = perf ]; then
  command -v perf >/dev/null || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q linux-perf; }
  perf record -F 999 -g -p "$server" -o "$trace.perf.data" -- sleep "$DURATION" >/dev/null 2>&1
  wait $load
  echo "$SCENARIO under load: $(awk '/Requests\/sec/ {print $2}' "$data/profile-wrk.txt") req/s, p99 $(awk '$1=="99%" {print $2}' "$data/profile-wrk.txt"), non-2xx $(awk '/Non-2xx/ {print $5}' "$data/profile-wrk.txt")"
  echo "Share of on-CPU samples in each method and what it called (the registry's, the SDK's, EF's, SQLite's, and the kernel's main calls):"
  perf report -i "$trace.perf.data" --children --sort sym --stdio -g none 2>/dev/null \
    | grep -E '\[(ConsentApi|FhirAdapters)\]|Validator::Validate|SaveChangesAsync\(|QueryCompiler::Execute|sqlite3_step|Npgsql|sched_yield|sys_fsync|sys_pwrite|sys_futex|GCHeap|gc_heap' \
    | head -45 | cut -c1-200
  exit 0
fi
"$trace_tool" collect -p "$server" --profile dotnet-sampled-thread-time,dotnet-common --duration "00:00:00:$(printf '%02d' "$DURATION")" --format speedscope -o "$trace.nettrace" >/dev/null
wait $load
echo "$SCENARIO under load: $(awk '/Requests\/sec/ {print $2}' "$data/profile-wrk.txt") req/s, p50 $(awk '$1=="50%" {print $2}' "$data/profile-wrk.txt"), p99 $(awk '$1=="99%" {print $2}' "$data/profile-wrk.txt")"
python3 - "$trace.speedscope.json" <<'PY'
import json, sys, collections
doc = json.load(open(sys.argv[1]))
frames = [f["name"] for f in doc["shared"]["frames"]]
idle = ("WaitHandle", "LowLevelLifoSemaphore", "epoll_wait", "Monitor.Wait", "Thread.Sleep", "WaitOne", "SemaphoreSlim.Wait",
        "ManualResetEventSlim.Wait", "UNMANAGED_CODE_TIME", "Interop+Sys.WaitForSocketEvents", "ThreadPoolWorkQueue.Dispatch()")
inclusive, exclusive, total = collections.Counter(), collections.Counter(), 0.0
for profile in doc["profiles"]:
    # dotnet-trace writes each thread's samples as open/close events: time between events belongs to the open stack.
    stack, last = [], None
    for e in profile.get("events", []):
        if last is not None and stack:
            names = [frames[i] for i in stack]
            if not any(w in names[-1] for w in idle):
                span = e["at"] - last
                total += span
                exclusive[names[-1]] += span
                for n in set(names):
                    inclusive[n] += span
        last = e["at"]
        if e["type"] == "O":
            stack.append(e["frame"])
        elif stack:
            stack.pop()
def show(title, counter, n):
    print(f"\n{title} (share of busy thread time)")
    for name, w in counter.most_common(n):
        print(f"  {100 * w / total:5.1f}%  {name[:160]}")
ours = collections.Counter({k: v for k, v in inclusive.items()
    if any(p in k for p in ("ConsentApi", "EntityFramework", "Sqlite", "Npgsql", "System.Text.Json", "Hl7", "Kestrel", "OpenIddict", "Authentication"))})
show("Inclusive: the method or anything it called", ours, 45)
show("Exclusive: where the thread was when sampled", exclusive, 25)
PY
