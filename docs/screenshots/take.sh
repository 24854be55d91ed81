#!/bin/sh
# Re-take the screenshots in this folder: a real window under Xvfb, driven by keys and clicks.
#   sh docs/screenshots/take.sh            (from the repository root; needs xvfb, xdotool, imagemagick)
# Click positions are for the 1280x720 layout.
set -e
cd "$(dirname "$0")/../.."
X=${XSHOT:-/work/shared/tools/xshot}
OUT=docs/screenshots
PY=${PYTHON:-.venv/bin/python}
data=$(mktemp -d)
export LA_CHAN_DATA_DIR="$data"

# Menus (English UI; the language screen is bilingual)
$X -o $OUT -e 'wait 1.5; shot 01_language; key 2; wait 0.5; type Lan; wait 0.3; shot 02_nickname; key Return; type 7A2; key Return; wait 1.5; shot 03_picker; key Tab; key Return; wait 0.7; shot 04_settings' \
  -- $PY main.py --windowed

# demo_shipper in Vietnamese: calls, captions, feedback, video call, timer, pause, debrief
rm -f "$data/progress.json"
$X -o $OUT -e 'wait 2.0; shot 05_incoming_call_vi; key 1; wait 5.8; shot 06_in_call_captions_vi; key 2; wait 0.5; shot 07_feedback_card_vi; key Return; wait 2.8; shot 08_incoming_video_call_vi; key 1; wait 0.3; key Return; wait 6.8; shot 09_video_call_vi; wait 3.2; shot 10_choice_timer_vi; key Escape; wait 0.5; shot 11_pause_vi; key Escape; key 2; wait 0.3; key Return; wait 1; shot 12_debrief_vi' \
  -- $PY main.py play scenarios/demo_shipper.yaml --lang vi --windowed

# Video calls: hijacked_friend's poor connection (the picture tears, then loses the face), and in
# online_kidnapping (English) the 'officer' at his desk and the fake meeting room
rm -f "$data/progress.json"
$X -o $OUT -e 'wait 2.5; key space; wait 0.5; key 1; wait 0.5; key Return; wait 0.5; key space; wait 0.5; key 2; wait 0.5; key Return; wait 0.5; key space; wait 0.5; key 1; wait 2.5; shot 33_video_call_glitch_vi; wait 4.3; shot 34_video_call_dropped_vi' \
  -- $PY main.py play scenarios/hijacked_friend.yaml --lang vi --windowed
rm -f "$data/progress.json"
$X -o $OUT -e 'wait 2; key space; wait 0.4; key 1; wait 0.4; key Return; wait 0.4; key space; wait 0.4; key 1; wait 0.4; key space; wait 0.4; key 1; wait 0.4; key Return; wait 0.4; key space; wait 0.4; key 1; wait 0.4; key Return; wait 6.3; shot 35_video_call_officer_en; key space; wait 0.4; key 1; wait 0.4; key Return; wait 0.4; key space; wait 0.4; key 1; wait 0.4; key Return; wait 0.4; key space; wait 0.4; key 1; wait 3.5; shot 36_video_call_room_en' \
  -- $PY main.py play scenarios/online_kidnapping.yaml --lang en --windowed

# demo_otp in English: lock screen, home, thread list, thread, typing + banner, link preview.
# Scenarios open unlocked; a copy that asks for the lock screen (`lock_screen: true`) shows it.
rm -f "$data/progress.json"
mkdir -p "$data/scn" && cp -r scenarios/images scenarios/audio "$data/scn/"
sed 's/^minutes: 4$/minutes: 4\nlock_screen: true/' scenarios/demo_otp.yaml > "$data/scn/demo_otp.yaml"
$X -o $OUT -e 'wait 6.5; shot 13_lock_screen; click 640 648; wait 0.5; shot 14_home; click 546 108; wait 0.5; shot 15_thread_list; click 640 139; wait 0.5; shot 16_thread; key 1; wait 0.3; key Return; wait 9.6; shot 17_typing_and_banner; wait 1.5; key 3; wait 0.3; key Return; wait 3.6; shot 18_incoming_call_unknown; key 1; wait 4.6; click 640 84; wait 0.6; shot 19_link_preview; wait 2.5; key 2; wait 0.5; shot 20_feedback_card_en; key Return; wait 1; shot 21_debrief_en' \
  -- $PY main.py play "$data/scn/demo_otp.yaml" --lang en --windowed

# Larger window and high contrast
printf '{"prefs": {"lang": "vi", "high_contrast": true, "text_size": "large", "nickname": "Lan"}}' > "$data/progress.json"
$X -s 1920x1080 -o $OUT -e 'wait 2.0; shot 22_high_contrast_large_1080p; key 1; wait 5.8; shot 23_high_contrast_captions_1080p' \
  -- $PY main.py play scenarios/demo_shipper.yaml --size 1920x1080 --windowed
# The picker offering to resume a half-finished run (saved after every decision)
printf '{"prefs": {"lang": "en", "nickname": "Lan"}, "players": {"Lan": {"done": {"tutorial": {"best": 90, "plays": 1}}, "run": {"demo_shipper": {"scenario": "demo_shipper", "version": 1, "choices": [{"choice": "answer", "at": 1.5}]}}}}}' > "$data/progress.json"
$X -o $OUT -e 'wait 1.5; key Return; wait 0.3; type Lan; key Return; key Return; wait 1.5; shot 24_picker_resume' -- $PY main.py --windowed

# Author mode: a broken file in --watch shows its lint errors instead of quitting
pack=$(mktemp -d)
cp -r scenarios/images "$pack/"
sed 's/next: shipper_talk/next: shiper_talk/' scenarios/demo_shipper.yaml > "$pack/demo_shipper.yaml"
$X -o $OUT -e 'wait 2; shot 25_watch_lint_overlay' -- $PY main.py play "$pack/demo_shipper.yaml" --watch --lang en --windowed
rm -rf "$pack"
rm -f $OUT/app.log
rm -rf "$data"
