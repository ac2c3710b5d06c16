#!/usr/bin/env bash
# A durable PostgreSQL cluster for the benchmarks, kept in DIR/cluster (fsync and synchronous_commit on, as in
# production; shared_buffers 512 MB): made once with initdb, started on PORT (default 5433) if it is not running, with
# the database consentregistry. Prints the registry's connection string. Debian's postgresql package provides the
# binaries (test.sh installs it when missing).
#   bench/tools/postgres.sh bench/.data/pg-0.01 [PORT]
set -euo pipefail
dir=$(realpath "$1")
port=${2:-5433}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi
mkdir -p "$dir/cluster"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/cluster"
if [ ! -f "$dir/cluster/data/PG_VERSION" ]; then
  "${as_postgres[@]}" "$pgbin/initdb" -D "$dir/cluster/data" -U postgres -A trust --no-locale -E UTF8 >/dev/null
fi
if ! "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$dir/cluster/data" status >/dev/null 2>&1; then
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$dir/cluster/data" -l "$dir/cluster/server.log" -w start -o \
    "-p $port -c listen_addresses=127.0.0.1 -k $dir/cluster -c max_connections=200 -c shared_buffers=512MB" >/dev/null
fi
"$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'consentregistry'" | grep -q 1 \
  || "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE consentregistry" >/dev/null
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=consentregistry;Maximum Pool Size=100"
