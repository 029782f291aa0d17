#!/usr/bin/env bash
# Renders dashboard/assets/preview.png, the picture link previews show (Teams, email, social sites), in Chromium.
# Run once when the design changes, and commit the result: the site ships the PNG, not this script.
# Usage: scripts/preview-image.sh   (CHROMIUM=/path/to/chromium to choose the browser)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
chromium="${CHROMIUM:-chromium}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Flat colours and system fonts keep the PNG small (under 30 KB); the colours are the page's own.
cat > "$work/preview.html" <<'HTML'
<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: 1200px; height: 630px; overflow: hidden; }
  body { background: #0b0c0c; color: #fff; font: 700 64px/1.15 Arial, Helvetica, sans-serif; }
  .band { height: 24px; background: #1d70b8; }
  .text { padding: 96px 80px 0; }
  .small { font-weight: 400; font-size: 36px; margin-top: 28px; color: #f3f2f1; }
  .rag { position: absolute; left: 80px; bottom: 80px; display: flex; gap: 24px; }
  .rag span { display: block; width: 160px; height: 32px; }
  .r { background: #d4351c; } .a { background: #f47738; } .g { background: #00703c; } .c { background: #505a5f; }
</style></head><body>
  <div class="band"></div>
  <div class="text">Action plan progress<div class="small">On track, at risk, off track, done.</div></div>
  <div class="rag"><span class="g"></span><span class="a"></span><span class="r"></span><span class="c"></span></div>
</body></html>
HTML

"$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size=1200,630 --screenshot="$work/preview.png" "file://$work/preview.html" >/dev/null 2>&1
cp "$work/preview.png" "$root/dashboard/assets/preview.png"
echo "dashboard/assets/preview.png: $(stat -c %s "$root/dashboard/assets/preview.png") bytes"
