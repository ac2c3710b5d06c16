#!/usr/bin/env bash
# Response compression (issue 24): bytes and time for a 1,000-entry searchset and a bulk-export file, as sent
# (identity), gzip and Brotli, each time a ratio to identity in the same run. Writes bench/results/<date>-compression.md.
#   SCALE=0.01 bench/compression.sh    # needs the data bench/run.sh generates for that scale
set -euo pipefail
cd "$(dirname "$0")/.."
SCALE=${SCALE:-0.01}
PORT=${PORT:-5096}
REPEAT=${REPEAT:-20}
data="bench/.data/scale-$SCALE"
report="bench/results/$(date -u +%Y-%m-%d)-compression.md"
[ -f "$data/consent-registry.db" ] || { echo "No data at $data: run SCALE=$SCALE bench/run.sh first." >&2; exit 1; }
dotnet build -c Release src/ConsentApi -v q -nologo >/dev/null
app="$PWD/src/ConsentApi/bin/Release/net10.0"
export ASPNETCORE_ENVIRONMENT=Production Persistence__DataDirectory="$PWD/$data" Monitoring__JobsEnabled=false Subscriptions__DeliveryEnabled=false
export AllowedHosts=127.0.0.1 Auth__Issuer="http://127.0.0.1:$PORT" Auth__AccessTokenMinutes=60 Auth__RatePerSecond=10000000 Auth__RateBurst=10000000
bench/tools/client-key.sh "$data"
dotnet "$app/ConsentApi.dll" --contentRoot "$app" clients add --id bench --ods RR8 --name "Benchmark client" --jwks "$data/bench-client.jwks.json" \
  --scopes "system/Consent.rs system/Consent.cud registry.decisions registry.admin" >/dev/null 2>&1 || true
dotnet "$app/ConsentApi.dll" --contentRoot "$app" --urls "http://127.0.0.1:$PORT" > "$data/compression-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do bench/tools/ready.sh "$PORT" && break; sleep 0.5; done
TOKEN=$(REGISTRY="http://127.0.0.1:$PORT" KEY="$data/bench-client.pem" KID=bench-1 demo/get-token.sh bench "system/Consent.rs registry.admin")
auth="Authorization: Bearer $TOKEN"

# A bulk-export file: export the Consents once, then fetch its first file.
location=$(curl -s -D - -o /dev/null -H "$auth" -H "Prefer: respond-async" "http://127.0.0.1:$PORT/fhir/\$export?_type=Consent" \
  | awk 'tolower($1) == "content-location:" {print $2}' | tr -d '\r')
while [ "$(curl -s -o "$data/manifest.json" -w '%{http_code}' -H "$auth" "$location")" = 202 ]; do sleep 0.5; done
file=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['output'][0]['url'])" "$data/manifest.json")
search="http://127.0.0.1:$PORT/fhir/Consent?status=active&_count=1000"

measure() { # name url encoding
  local name=$1 url=$2 encoding=$3 header=()
  [ "$encoding" = identity ] || header=(-H "Accept-Encoding: $encoding")
  for _ in 1 2 3; do curl -s -o /dev/null -H "$auth" "${header[@]}" "$url"; done # warm
  local bytes total=0
  for _ in $(seq 1 "$REPEAT"); do
    read -r bytes t < <(curl -s -o /dev/null -w '%{size_download} %{time_total}\n' -H "$auth" "${header[@]}" "$url")
    total=$(echo "$total + $t" | bc -l)
  done
  echo "$name|$encoding|$bytes|$(echo "$total / $REPEAT * 1000" | bc -l)"
}
rows=()
for target in "searchset (1,000 entries)|$search" "export file (NDJSON)|$file"; do
  for encoding in identity gzip br; do rows+=("$(measure "${target%%|*}" "${target#*|}" "$encoding")"); done
done

{
  echo "# Response compression, $(date -u +%Y-%m-%d)"
  echo
  echo "Command: \`SCALE=$SCALE bench/compression.sh\` (Release build, loopback, curl; $REPEAT requests each after 3 to warm)."
  echo "Ratios divide by the same target sent as it is (identity), measured in the same run. Machine: $(nproc) cores."
  echo
  echo "| response | encoding | bytes | bytes / identity | ms per request | time / identity |"
  echo "| --- | --- | ---: | ---: | ---: | ---: |"
  for row in "${rows[@]}"; do
    IFS='|' read -r name encoding bytes ms <<< "$row"
    IFS='|' read -r _ _ base_bytes base_ms <<< "$(printf '%s\n' "${rows[@]}" | grep -F "$name|identity|")"
    printf '| %s | %s | %s | %.3f | %.1f | %.2f |\n' "$name" "$encoding" "$bytes" "$(echo "$bytes / $base_bytes" | bc -l)" "$ms" "$(echo "$ms / $base_ms" | bc -l)"
  done
} > "$report"
cat "$report"
