#!/bin/sh
# Re-take th-*.png: the game in pseudo-Thai (game/i18n/pseudo.py), in a real window under Xvfb, to show
# that a non-Latin script written without spaces draws and wraps on every screen. The pseudo-Thai is
# made in a temporary copy of the committed tree and never touches locale/ here.
#   sh docs/screenshots/take_thai.sh       (from the repository root; needs xvfb, xdotool, imagemagick)
set -e
cd "$(dirname "$0")/../.."
X=${XSHOT:-/work/shared/tools/xshot}
OUT=$(pwd)/docs/screenshots
PY=${PYTHON:-$(pwd)/.venv/bin/python}
tree=$(mktemp -d)
git archive HEAD | tar -x -C "$tree"
cd "$tree"
$PY main.py i18n new th --name "ไทย" >/dev/null
$PY -m game.i18n.pseudo th
data=$(mktemp -d)
export LA_CHAN_DATA_DIR="$data"

# Language screen (three languages, key 3), profile, picker
$X -o "$OUT" -e 'wait 2; shot th-01_language; key 3; wait 0.7; type Lan; wait 0.3; shot th-02_profile; key Return; type 7A2; key Return; wait 4; shot th-03_picker' \
  -- $PY main.py --windowed
# demo_otp: thread, feedback card, debrief (the same steps as 16, 20 and 21 in take.sh)
rm -f "$data/progress.json"
$X -o "$OUT" -e 'wait 6.5; click 640 648; wait 0.5; click 546 108; wait 0.5; click 640 139; wait 0.5; shot th-04_thread; key 1; wait 0.3; key Return; wait 9.6; wait 1.5; key 3; wait 0.3; key Return; wait 3.6; key 1; wait 4.6; click 640 84; wait 0.6; wait 2.5; key 2; wait 0.5; shot th-05_feedback_card; key Return; wait 1; shot th-06_debrief' \
  -- $PY main.py play scenarios/demo_otp.yaml --lang th --windowed
grep -i "no font can draw" "$OUT/app.log" && echo "some characters were left out: see above" >&2
rm -f "$OUT/app.log"
cd / && rm -rf "$tree" "$data"
