#!/bin/sh
# Re-take the trainer guide's classroom-mode and scam-or-real check screenshots (Vietnamese), in a
# real window under Xvfb:   sh docs/screenshots/take_trainer.sh   (from the repository root)
# Click positions are for the 1280x720 layout.
set -e
cd "$(dirname "$0")/../.."
X=${XSHOT:-/work/shared/tools/xshot}
OUT=docs/screenshots
PY=${PYTHON:-.venv/bin/python}
data=$(mktemp -d)
export LA_CHAN_DATA_DIR="$data"

# Classroom mode: the first decision of demo_shipper, hands counted (A 14, B 9), then revealed
$X -o $OUT -e 'wait 3; key space; wait 1; key space; wait 1; key a; key 1; key 4; key b; key 9; wait 0.5; shot trainer_classroom_vote; key Return; wait 1; shot trainer_classroom_reveal' \
  -- $PY main.py classroom scenarios/demo_shipper.yaml --class-code 9A --lang vi --windowed

# The check: answered before playing (no explanations), then at the end from the menu's
# "Finish: final check" button, where every answer is explained
printf '{"prefs": {"lang": "vi", "nickname": "Lan", "class_code": "9A"}}' > "$data/progress.json"
steps='wait 2; key Return; wait 0.5; type Lan; key Return; wait 0.5; key Return; wait 1.5; key Return; wait 1.5; shot trainer_quiz_item'
for i in 1 2 3 4 5 6 7 8 9 10; do steps="$steps; key space; wait 0.4; key 1; wait 0.8"; done
steps="$steps; wait 1; key Return; wait 1.5; click 696 51; wait 1; key Return; wait 1.5; key space; wait 0.5; key 1; wait 1; shot trainer_quiz_feedback"
$X -o $OUT -e "$steps" -- $PY main.py play --quiz --windowed  # no --lang: the language screen first (prefs say vi)
rm -f $OUT/app.log
rm -rf "$data"
