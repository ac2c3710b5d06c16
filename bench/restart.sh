#!/usr/bin/env bash
# Restart: how many seconds after the process starts each kind of request is first answered 200 (liveness, a new token,
# a read by id, a search by NHS number, $evaluate, and a create, which waits for the FHIR validator's profiles), with
# the decision index's build time from the server log. Reads, searches, $evaluate and creates carry a token issued
# before the restart, as a client system's would: the signing keys are kept in the database, so a token outlives a
# restart. HELD=0 makes them wait for the first new token instead.
# Writes bench/results/<date>-restart.md.
#   SCALE=0.01 bench/restart.sh                      # the working tree, three restarts
#   BEFORE_REV=f67d3f9 SCALE=0.01 bench/restart.sh   # and that revision, alternating, on the same data
# RESTARTS (default 3). Needs the data bench/run.sh or bench/compare.sh generates for SCALE.
# PROVIDER=Postgres restarts against the durable cluster in bench/.data/pg-SCALE that PROVIDER=Postgres bench/compare.sh fills (PG_PORT as there).
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-0.01}
RESTARTS=${RESTARTS:-3}
PORT=${PORT:-5099}
PROVIDER=${PROVIDER:-Sqlite}
stamp=$(date -u +%Y-%m-%d)
report=${REPORT:-"bench/results/$stamp-restart.md"}
source bench/tools/bench-data.sh

dotnet build -c Release src/ConsentApi -v q -nologo >/dev/null
builds=("after=$PWD/src/ConsentApi/bin/Release/net10.0")
[ -n "${BEFORE_REV:-}" ] && builds=("before=$(bench/tools/build-before.sh "$BEFORE_REV")" "${builds[@]}")
export ASPNETCORE_ENVIRONMENT=Production
export AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT" Auth__AccessTokenMinutes=60 Auth__RatePerSecond=10000000 Auth__RateBurst=10000000
app=${builds[-1]#*=}
bench/tools/client-key.sh "$data"
dotnet "$app/ConsentApi.dll" --contentRoot "$app" clients add --id bench --ods RR8 --name "Benchmark client" --jwks "$data/bench-client.jwks.json" \
  --scopes "system/Consent.rs system/Consent.cud registry.decisions registry.admin" >/dev/null 2>&1 || true

# A token from a server on the same data, held across every restart below (an hour: Auth__AccessTokenMinutes above).
held=""
if [ "${HELD:-1}" = 1 ]; then
  dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" >"$data/restart-server.log" 2>&1 &
  server=$!
  # Live is enough to issue a token: waiting for ready would wait out a whole index build (40 s at England scale).
  for _ in $(seq 1 600); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/health/live" && break; sleep 0.5; done
  held=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$data/bench-client.pem" KID=bench-1 demo/get-token.sh bench "system/Consent.rs system/Consent.cud registry.decisions")
  kill $server; wait $server 2>/dev/null || true
fi

out="$data/restart.txt"
rm -f "$out"
for restart in $(seq 1 "$RESTARTS"); do
  for build in "${builds[@]}"; do
    name=${build%%=*} dir=${build#*=}
    sync; echo "restart $restart: $name ..."
    start=$(date +%s.%N)
    dotnet "$dir/ConsentApi.dll" --contentRoot "$dir" --urls "http://127.0.0.1:$PORT" >"$data/restart-server.log" 2>&1 &
    server=$!
    # Every kind polled side by side every 50 ms from the moment the process starts (a token once it listens).
    times=$(python3 - "$PORT" "$start" "$data" "$held" <<'PY'
import json, subprocess, sys, threading, time, urllib.request
port, start, data, held = sys.argv[1], float(sys.argv[2]), sys.argv[3], sys.argv[4]
base = f"http://127.0.0.1:{port}"
rid = open(f"{data}/ids.txt").readline().strip()
nhs = open(f"{data}/nhs.txt").readline().strip()
# Requests carry the held token when there is one, else the first new one once get_token has it.
token, found = [held or None], {}
def get(path, auth):
    req = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token[0]}"} if auth else {})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status
    except Exception:
        return 0
def poll(kind, path, auth):
    while time.time() - start < 900:
        if (not auth or token[0]) and get(path, auth) == 200:
            found[kind] = time.time() - start
            return
        time.sleep(0.05)
def nhs_number(first_nine):
    total = sum(int(d) * (10 - i) for i, d in enumerate(str(first_nine)))
    check = 11 - total % 11
    return None if check == 10 else f"{first_nine}{0 if check == 11 else check}"
def create():
    # One national data opt-out for a fresh number (97xxxxxxxx: the generator's numbers start at 91, create.lua's at 98),
    # sent once a token is held; its 201 comes only after the validator has compiled the Consent profile.
    first = 970000000 + int(time.time() * 10) % 10000000
    while time.time() - start < 900:
        if not token[0]:
            time.sleep(0.05)
            continue
        number = nhs_number(first)
        first += 1
        if number is None:
            continue
        body = json.dumps({"resourceType": "Consent", "status": "active",
            "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]},
            "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
            "patient": {"identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": number}},
            "dateTime": "2026-11-21T10:00:00Z", "policy": [{"uri": "https://consentregistry.example/policy/national-data-opt-out"}],
            "provision": {"type": "deny", "purpose": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HRESCH"}]}}).encode()
        req = urllib.request.Request(base + "/fhir/Consent", data=body, method="POST",
                                     headers={"Authorization": f"Bearer {token[0]}", "Content-Type": "application/fhir+json"})
        try:
            with urllib.request.urlopen(req, timeout=300) as r:
                if r.status == 201:
                    found["create"] = time.time() - start
                    return
        except Exception:
            pass
        time.sleep(0.05)
def get_token():
    # Signing an assertion spawns openssl and curl: only once the server listens, so as not to slow its start.
    while "live" not in found and time.time() - start < 900:
        time.sleep(0.01)
    while time.time() - start < 900:
        r = subprocess.run(["demo/get-token.sh", "bench", "system/Consent.rs system/Consent.cud registry.decisions"], capture_output=True, text=True,
                           env={"REGISTRY": base, "KEY": f"{data}/bench-client.pem", "KID": "bench-1", "PATH": "/usr/bin:/bin"})
        if r.returncode == 0 and r.stdout.strip():
            token[0] = token[0] or r.stdout.strip(); found["token"] = time.time() - start
            return
        time.sleep(0.05)
kinds = [("live", "/health/live", False), ("read", f"/fhir/Consent/{rid}", True),
         ("search", f"/fhir/Consent?patient:identifier=https://fhir.nhs.uk/Id/nhs-number%7C{nhs}", True),
         ("evaluate", f"/fhir/Consent/$evaluate?patient={nhs}&purpose=HRESCH&actor=RR8", True)]
threads = [threading.Thread(target=get_token), threading.Thread(target=create)] + [threading.Thread(target=poll, args=k) for k in kinds]
[t.start() for t in threads]; [t.join() for t in threads]
print("|".join(f"{found.get(k, float('nan')):.2f}" for k in ["live", "token", "read", "search", "evaluate", "create"]))
PY
)
    # Read the build's time once the server has stopped: its console logger writes from a queue, flushed at shutdown.
    kill $server; wait $server 2>/dev/null || true
    built=$(grep -o 'Decision index built: .* in [0-9.]* s' "$data/restart-server.log" | grep -o '[0-9.]* s$' | tr -d ' s' || echo "?")
    echo "$name|$restart|$times|$built" >> "$out"
  done
done

python3 - "$out" "$SCALE" "$(git rev-parse --short HEAD)" "${BEFORE_REV:-}" "$PROVIDER" "${HELD:-1}" > "$report" <<'PY'
import statistics, sys
rows = [l.strip().split("|") for l in open(sys.argv[1]) if l.strip()]
print(f"# Restart: time to the first 200 of each kind, at scale {sys.argv[2]} ({'PostgreSQL' if sys.argv[5] == 'Postgres' else 'SQLite'})\n")
print(f"Working tree at {sys.argv[3]}" + (f", against {sys.argv[4]}" if sys.argv[4] else "") + ". Seconds from the process's start; "
      "each kind polled every 50 ms from the start. " + ("Reads, searches, $evaluate and creates carry a token issued before the restart "
      "(a client's token outlives a restart: the signing keys are in the database); `token` is the first new one. " if sys.argv[6] == "1" else
      "Reads, searches, $evaluate and creates wait for the first new token. ") + "`index` is the decision index's build time from the server log.\n")
print("| build | restart | /health/live | token | read | search | $evaluate | create | index built in |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    print("| " + " | ".join(r) + " |")
print("\n| build | median: /health/live | new token | read | search | $evaluate | create |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for build in dict.fromkeys(r[0] for r in rows):
    mine = [r for r in rows if r[0] == build]
    print(f"| {build} | " + " | ".join(f"{statistics.median(float(r[i]) for r in mine):.2f} s" for i in (2, 3, 4, 5, 6, 7)) + " |")
PY
cat "$report"
