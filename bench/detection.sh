#!/usr/bin/env bash
# Detection accuracy: the registry's detection run week by week over seeded national scenarios with known anomalies.
# Writes bench/results/<date>-detection.md. Not part of the test command; takes under a minute.
#   bench/detection.sh                       # 3,000 practices, seeds 2013, 1 and 2
#   PRACTICES=6229 SEEDS="2013" bench/detection.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PRACTICES=${PRACTICES:-3000}
SEEDS=${SEEDS:-"2013 1 2"}
stamp=$(date -u +%Y-%m-%d)
report="bench/results/$stamp-detection.md"
dotnet build -c Release bench/ConsentRegistry.Benchmarks -v q -nologo >/dev/null
bin="bench/ConsentRegistry.Benchmarks/bin/Release/net10.0/ConsentRegistry.Benchmarks.dll"
{
  echo "# Detection accuracy, $stamp"
  echo
  echo "Command: \`PRACTICES=$PRACTICES SEEDS=\"$SEEDS\" bench/detection.sh\` (commit $(git rev-parse --short HEAD)). The scenario and the"
  echo "scoring are in \`bench/ConsentRegistry.Benchmarks/Detection/\`; the detection is the registry's own (\`PanelDetector\`, the funnel,"
  echo "\`FlagGrouping\`), run for every judged week as the detection job runs it. docs/monitoring.md explains the methods."
  for seed in $SEEDS; do
    echo
    echo "## Seed $seed"
    echo
    dotnet "$bin" accuracy "$PRACTICES" "$seed"
  done
} > "$report"
echo "Wrote $report"
