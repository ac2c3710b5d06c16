#!/usr/bin/env bash
# Builds revision $1 of the API (Release) in a worktree outside the repository, once, and prints the folder holding its
# ConsentApi.dll. Outside the repository because BenchmarkDotNet refuses a second copy of its project under the root.
set -euo pipefail
rev=$1
dir="${TMPDIR:-/tmp}/consent-registry-build-$(git rev-parse --short "$rev")"
if [ ! -f "$dir/src/ConsentApi/bin/Release/net10.0/ConsentApi.dll" ]; then
  rm -rf "$dir"; git worktree prune
  git worktree add -q --detach "$dir" "$rev"
  dotnet build -c Release "$dir/src/ConsentApi" -v q -nologo >/dev/null
fi
echo "$dir/src/ConsentApi/bin/Release/net10.0"
