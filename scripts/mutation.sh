#!/usr/bin/env bash
# Mutation testing of SaferCity.Core against SaferCity.Core.Tests with Stryker.NET (see docs/testing.md).
# Not part of .ci/run: a full run takes far longer than CI allows. Settings live in
# tests/SaferCity.Core.Tests/stryker-config.json (Stryker runs from the test project's folder);
# any extra arguments go straight to Stryker, e.g. `scripts/mutation.sh --mutate "**/Rules/**/*.cs"`
# or `scripts/mutation.sh --concurrency 4` on a machine with cores to spare.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The version is pinned in .config/dotnet-tools.json.
dotnet tool restore

output="$PWD/StrykerOutput/$(date -u +%Y-%m-%dT%H-%M-%SZ)"
cd tests/SaferCity.Core.Tests
dotnet tool run dotnet-stryker --config-file stryker-config.json --output "$output" --skip-version-check "$@"

echo
echo "Mutation report: $output/reports/mutation-report.html"
echo "Machine-readable: $output/reports/mutation-report.json"
