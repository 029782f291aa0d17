#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what the tests need, then `dotnet test`.
# The tests start their own stand-ins (Azurite, the Graph emulator, the fake SendGrid server) on 127.0.0.1.
#   bash scripts/test.sh           every test project in the solution
#   bash scripts/test.sh --fast    only the pure tests (no process, browser, network or stand-in), without the
#                                  scale tests (thousands of actions, trait Category=Scale): under a minute
# Any other arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Drift").
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

  dotnet test SaferCity.Functions.sln --logger "trx" --results-directory "$results" "$@" || status=$?
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
