#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what the tests need, then `dotnet test`.
# The tests start their own stand-ins (Azurite, the Graph emulator, the fake SendGrid server) on 127.0.0.1.
#   bash scripts/test.sh           every test project in the solution
#   bash scripts/test.sh --fast    only the pure tests (no process, browser, network or stand-in), without the
#                                  scale tests (thousands of actions, trait Category=Scale): under a minute
# Any other arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Drift").
# The full run builds the solution once, in Release (the JIT optimises it; the deployment-package test publishes
# Release, so its build is already done), then runs the test projects in two lanes side by side (docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The pure test projects: in-memory fakes only. Every other project starts processes, browsers or stand-ins.
pure=(tests/SaferCity.Core.Tests)
fast=false
if [ "${1:-}" = "--fast" ]; then fast=true; shift; fi

results="$(mktemp -d)"
status=0
if $fast; then
  for project in "${pure[@]}"; do
    dotnet test "$project" --filter "Category!=Scale" --logger "trx" --results-directory "$results" "$@" || status=$?
  done
else
  # Chromium drives the dashboard tests (Debian's build; Playwright must not download its own).
  if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi

  # Azurite and axe-core, exactly as locked.
  if [ ! -x node_modules/.bin/azurite-blob ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi

  dotnet build SaferCity.Functions.sln -c Release -nologo -clp:NoSummary

  # Two lanes for two cores, each about half the time: much of it is spent waiting on child processes (the Functions
  # worker, the CLI, Chromium, Bicep), so a second lane fills it. One project at a time within a lane.
  lane() {
    local log="$results/lane-$1.log"; shift
    local failed=0
    for project in "$@"; do
      dotnet test "tests/$project" -c Release --no-build --logger "trx" --results-directory "$results" "${test_args[@]}" \
        >>"$log" 2>&1 || failed=1
    done
    return $failed
  }
  test_args=("$@")
  lane1=(SaferCity.Functions.HostTests SaferCity.Core.Tests SaferCity.Cli.Tests SaferCity.Infra.Tests)
  lane2=(SaferCity.Dashboard.Tests SaferCity.Integration.Tests)
  # A new test project must be given a lane, or it would never run.
  for csproj in tests/*/*.csproj; do
    name=$(basename "$csproj" .csproj)
    if grep -q '<IsTestProject>true</IsTestProject>' "$csproj" && [[ " ${lane1[*]} ${lane2[*]} " != *" $name "* ]]; then
      echo "scripts/test.sh: $name is a test project in no lane" >&2; exit 1
    fi
  done
  lane 1 "${lane1[@]}" & first=$!
  lane 2 "${lane2[@]}" & second=$!
  wait "$first" || status=1
  wait "$second" || status=1
  cat "$results"/lane-*.log
  # What each project took, for docs/testing.md.
  grep -h -E '^(Passed|Failed)!' "$results"/lane-*.log || true
fi

# One closing line for whoever reads the log: totals across every test project.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
rm -rf "$results"
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit $status
