#!/usr/bin/env bash
# The benchmarks' client key: makes DIR/bench-client.pem once (RSA 2048) and writes its public half as a JWKS
# (DIR/bench-client.jwks.json, kid bench-1, RS384) for `clients add --jwks`.
set -euo pipefail
dir=$1
key="$dir/bench-client.pem"
[ -f "$key" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null
python3 - "$key" "$dir/bench-client.jwks.json" <<'PY'
import base64, subprocess, sys
def b64(i): return base64.urlsafe_b64encode(i.to_bytes((i.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()
modulus = int(subprocess.check_output(["openssl", "rsa", "-in", sys.argv[1], "-noout", "-modulus"], text=True).strip().split("=")[1], 16)
open(sys.argv[2], "w").write('{"keys":[{"kty":"RSA","kid":"bench-1","alg":"RS384","n":"%s","e":"%s"}]}' % (b64(modulus), b64(65537)))
PY
