#!/usr/bin/env bash
# Runs every test of the registry on a machine that has only the .NET SDK. It provisions what the tests need first:
#   - Debian's Chromium (the portal's browser tests; Playwright's own browser download cannot work here),
#   - PostgreSQL 15's binaries (the PostgreSQL half of the API tests), then starts a throwaway server on loopback
#     for the run and removes it afterwards, whatever happens.
# axe-core for the accessibility checks comes from NuGet with the test project. The FHIR R4 JSON schema the tests use
# as an oracle is read from ../shared beside the repository (never by the product).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -f ../shared/fhir-r4/fhir.schema.json ]; then
  echo "missing ../shared/fhir-r4/fhir.schema.json (beside this repository): the schema-oracle tests need it" >&2
  exit 1
fi

as_root=()
[ "$(id -u)" = 0 ] || as_root=(sudo)
apt_updated=
install() {
  [ -n "$apt_updated" ] || { "${as_root[@]}" apt-get update -q >/dev/null; apt_updated=1; }
  echo "installing $* (apt-get)"
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
}
command -v chromium >/dev/null || command -v chromium-browser >/dev/null || install chromium
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || install postgresql

# A throwaway PostgreSQL cluster on a free loopback port, removed on exit (fsync off: test data only).
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgroot=$(mktemp -d "${TMPDIR:-/tmp}/consentregistry-test-pg.XXXXXX")
as_postgres=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$pgroot"
  as_postgres=(runuser -u postgres --)
fi
cleanup() {
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pgroot"
}
trap cleanup EXIT
pgport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
  || shuf -i 20000-60000 -n 1)
"${as_postgres[@]}" "$pgbin/initdb" -D "$pgroot/data" -U postgres -A trust --no-locale -E UTF8 >/dev/null
"${as_postgres[@]}" "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/server.log" -w start -o \
  "-p $pgport -c listen_addresses=127.0.0.1 -k $pgroot -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
export CONSENTREGISTRY_TEST_POSTGRES="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pgport for this run"

# -m:1: the three test projects one after another (the API tests' crash loop and soak load both cores on purpose).
log=$(mktemp)
set +e
dotnet test ConsentRegistry.sln -m:1 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for the whole run, summed over the test projects.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
if [ "$passed" -eq 0 ]; then
  echo "no tests ran" >&2
  exit 1
fi
exit "$status"
