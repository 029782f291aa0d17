#!/usr/bin/env bash
# Runs every test on a fresh Debian machine: installs what the tests need, then `dotnet test`.
# The tests start their own stand-ins (Azurite, the Graph emulator, the fake SendGrid server) on 127.0.0.1.
#   bash scripts/test.sh           every test project in the solution
#   bash scripts/test.sh --fast    only the pure tests (no process, browser, network or stand-in), without the
#                                  scale tests (thousands of actions, trait Category=Scale): under a minute
# Any other arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Drift").
# The full run builds the solution once, in Release (the JIT optimises it), publishes the Functions app once (the
# package azd deploys, which the host tests run and check), and runs the test projects in two lanes side by side
# (docs/testing.md).
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

  # Azurite and axe-core, exactly as locked. A node_modules that is a link to a folder shared with other checkouts is
  # left alone: `npm ci` would first empty the folder it points to, under every checkout that uses it.
  if [ -L node_modules ]; then
    if [ ! -x node_modules/.bin/azurite-blob ]; then
      echo "scripts/test.sh: node_modules links to $(readlink node_modules), which has no Azurite: run npm ci there" >&2
      exit 1
    fi
  elif [ ! -x node_modules/.bin/azurite-blob ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi

  dotnet build SaferCity.Functions.sln -c Release -nologo -clp:NoSummary

  # The deployment package, published once: `dotnet publish -c Release` precompiles the assemblies it ships
  # (PublishReadyToRun, all but the Graph SDK), CPU that only this step needs, so it runs in lane 1 beside lane 2's tests. The host
  # tests start their workers from it and DeploymentPackageTests checks it (SAFERCITY_FUNCTIONS_PACKAGE).
  package="$results/package"
  publish() {
    echo "== dotnet publish functions/SaferCity.Functions (the deployment package)"
    dotnet publish functions/SaferCity.Functions/SaferCity.Functions.csproj -c Release -o "$package" -nologo -v q \
      -p:BuildProjectReferences=false  # Core and Infrastructure: built above, and read by the tests running beside it
  }

  # Two lanes for two cores: much of the time is spent waiting on child processes (the Functions worker, the CLI,
  # Chromium, Bicep, Azurite), so a second lane fills it. One step at a time within a lane; each step's wall and CPU
  # time is logged (docs/testing.md). A step that fails fails the run; the lane goes on.
  lane() {
    local log="$results/lane-$1.log"; shift
    local failed=0 step published=false
    for step in "$@"; do
      if [ "$step" = publish ]; then
        if { time publish; } >>"$log" 2>&1; then published=true; else failed=1; fi
      elif [ "$step" = SaferCity.Functions.HostTests ] && $published; then
        { time SAFERCITY_FUNCTIONS_PACKAGE="$package" run_tests "$step"; } >>"$log" 2>&1 || failed=1
      else
        { time run_tests "$step"; } >>"$log" 2>&1 || failed=1
      fi
    done
    return $failed
  }
  run_tests() {
    echo "== dotnet test tests/$1"
    dotnet test "tests/$1" -c Release --no-build --logger "trx" --results-directory "$results" "${test_args[@]}"
  }
  TIMEFORMAT="   took %0R s wall, %0U s user + %0S s system CPU"
  test_args=("$@")
  # Balanced by measured time (docs/testing.md): the publish and the host tests that use it against the browser tests.
  lane1=(publish SaferCity.Functions.HostTests SaferCity.Integration.Tests)
  lane2=(SaferCity.Dashboard.Tests SaferCity.Core.Tests SaferCity.Cli.Tests SaferCity.Infra.Tests)
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
  # What each step took, for docs/testing.md.
  grep -h -E '^(== |   took |Passed!|Failed!)' "$results"/lane-*.log || true
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
