#!/usr/bin/env bash
# Lighthouse scores for the sample dashboard, served over http from 127.0.0.1 (not part of the CI run:
# it needs Lighthouse from npm and takes a minute). Prints one line per category and leaves the JSON reports.
# Usage: scripts/lighthouse.sh [OUTDIR]     Needs: dotnet, node/npm, python3, Chromium (CHROME_PATH, default /usr/bin/chromium).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/TestResults/lighthouse}"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
work="$(mktemp -d)"
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$out"

# Lighthouse goes in a scratch folder, pinned, so the repository's own packages stay as they are.
(cd "$work" && npm init -y >/dev/null && npm i -E --no-audit --no-fund lighthouse@12.2.3 >/dev/null)

# Two runs a week apart, so the page has drift, history and a feed entry, as it does in use.
cli=(dotnet run --project "$root/functions/SaferCity.Cli" --)
"${cli[@]}" run --as-of 2017-01-09 --out "$work/out" >/dev/null
"${cli[@]}" run --as-of 2017-01-16 --out "$work/out" >/dev/null

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/out/site" >/dev/null 2>&1 &
server=$!
sleep 1

for form in mobile desktop; do
  preset=(); [ "$form" = desktop ] && preset=(--preset=desktop)
  "$work/node_modules/.bin/lighthouse" "http://127.0.0.1:$port/index.html" "${preset[@]}" --quiet \
    --only-categories=performance,accessibility,best-practices,seo \
    --chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$out/$form.json"
  node -e '
    const r = require(process.argv[1]);
    const s = Object.values(r.categories).map(c => `${c.title} ${Math.round(c.score * 100)}`).join(", ");
    console.log(`${process.argv[2]}: ${s}`);
    for (const c of Object.values(r.categories)) for (const a of c.auditRefs)
      if (a.weight > 0 && r.audits[a.id].score !== null && r.audits[a.id].score < 1) console.log(`  ${c.title}: ${a.id} ${r.audits[a.id].score}`);
  ' "$out/$form.json" "$form"
done
