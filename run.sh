#!/usr/bin/env bash
# Runs the whole system until Ctrl+C: the registry API with its scheduled jobs on http://localhost:5080 and the
# portal on http://localhost:5090 (Development: SQLite in src/ConsentApi/data/, demo data seeded on first start).
set -euo pipefail
cd "$(dirname "$0")"
dotnet build src/ConsentApi -nologo -v q
dotnet build src/ConsentPortal -nologo -v q
dotnet run --no-build --project src/ConsentApi &
api=$!
dotnet run --no-build --project src/ConsentPortal &
portal=$!
trap 'kill $api $portal 2>/dev/null || true; wait' INT TERM EXIT
echo "Registry API: http://localhost:5080   Portal: http://localhost:5090   (Ctrl+C stops both)"
wait -n
