#!/usr/bin/env bash
# Gets an access token from a registry running in Development, the way a client system does (SMART Backend
# Services): sign a short-lived JWT assertion with the client's private key (RS384), post it to the token endpoint.
#   TOKEN=$(demo/get-token.sh)                                   # demo-gp-system, its usual scopes
#   TOKEN=$(demo/get-token.sh demo-registry-admin "registry.admin registry.monitoring")
# DEMO KEY: demo/keys/demo-client.private.pem is public; see demo/keys/README.md. KEY, KID and REGISTRY override
# the key file, its key id and the registry's address (the benchmarks use their own client this way).
set -euo pipefail
client=${1:-demo-gp-system}
scope=${2:-system/Consent.rs system/Consent.cud system/AuditEvent.rs system/Subscription.cruds registry.decisions}
base=${REGISTRY:-http://localhost:5080}
key=${KEY:-"$(dirname "$0")/keys/demo-client.private.pem"}
kid=${KID:-demo-key-1}
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS384","typ":"JWT","kid":"%s"}' "$kid" | b64url)
claims=$(printf '{"iss":"%s","sub":"%s","aud":"%s/auth/token","exp":%d,"jti":"%s"}' \
  "$client" "$client" "$base" $((now + 240)) "$(openssl rand -hex 16)" | b64url)
signature=$(printf '%s.%s' "$header" "$claims" | openssl dgst -sha384 -sign "$key" | b64url)
curl -sf -X POST "$base/auth/token" \
  --data-urlencode grant_type=client_credentials \
  --data-urlencode "scope=$scope" \
  --data-urlencode client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \
  --data-urlencode "client_assertion=$header.$claims.$signature" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
