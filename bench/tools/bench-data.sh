# Sourced by bench/profile.sh and bench/restart.sh: the bench data for PROVIDER and SCALE, which they only read.
# SQLite: bench/.data/scale-SCALE. PostgreSQL: bench/.data/pg-SCALE and its durable cluster (bench/tools/postgres.sh,
# started on PG_PORT if it is not running). Sets $data and points the API at it; stops when there is none yet, since
# only bench/compare.sh (or bench/run.sh on SQLite) generates it.
data="bench/.data/scale-$SCALE"
[ "$PROVIDER" = Postgres ] && data="bench/.data/pg-$SCALE"
if [ ! -f "$data/ids.txt" ]; then
  echo "No bench data at $data: run PROVIDER=$PROVIDER SCALE=$SCALE bench/compare.sh first" >&2
  exit 1
fi
if [ "$PROVIDER" = Postgres ]; then
  export Persistence__Provider=Postgres Persistence__ConnectionString="$(bench/tools/postgres.sh "$data" "${PG_PORT:-5433}")"
fi
export Persistence__DataDirectory="$PWD/$data"
