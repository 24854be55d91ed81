#!/bin/sh
# Re-take report.png: the class report's first printed page (the one-page summary),
# rendered by headless Chromium in the embedded Be Vietnam Pro font, rasterised with pdftoppm.
#   sh docs/screenshots/take_report.sh     (from the repository root; needs chromium and poppler-utils)
set -e
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
OUT=docs/screenshots
tmp=$(mktemp -d)
$PY main.py results simulate -o "$tmp/usb" --students 30 --seed 4 --lang vi >/dev/null
$PY main.py report "$tmp/usb" -o "$tmp/report.html" --lang vi >/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --no-pdf-header-footer \
  --print-to-pdf="$tmp/report.pdf" "file://$tmp/report.html" 2>/dev/null
pdftoppm -r 90 -png -f 1 -l 1 -singlefile "$tmp/report.pdf" "$OUT/report"
rm -rf "$tmp"
echo "$OUT/report_summary.png"
