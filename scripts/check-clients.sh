#!/usr/bin/env bash
# Opens what `convene ics` writes in real calendar software, offline:
#   - khal 0.14 imports the side event's invites and lists them at the right local time;
#   - the update path: import version 1, change the agenda, import the update (the calendar
#     holds the changed event once, at its new time), cancel (khal holds it as CANCELLED);
#   - vobject reads every file written.
# Usage: check-clients.sh PATH-TO-CONVENE
set -u
convene=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
check() { # NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); printf 'FAIL %s\n  expected: %s\n  actual:   %s\n' "$1" "$2" "$3"; fi
}
khal_for() { # ZONE FOLDER: a khal configuration with one calendar, in ZONE
  mkdir -p "$2/cal" "$2/data"
  cat > "$2/config" <<CONFIG
[calendars]
[[convene]]
path = $2/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = $1
default_timezone = $1
[sqlite]
path = $2/data/khal.db
CONFIG
}

# The side event, as Habiba Sarabi's calendar in Kabul and Anne Kwakkenbos's in New York sees it.
export SOURCE_DATE_EPOCH=1700000000
"$convene" ics agendas/wps-side-event-2022.yaml -o "$work/side" --state "$work/side.convene.db" >/dev/null || failed=$((failed + 1))
khal_for Asia/Kabul "$work/kabul"
khal -c "$work/kabul/config" import --batch -a convene "$work/side/invites/sarabi/main.ics"
check "khal in Kabul" "2022-10-19 16:45 2022-10-19 18:15 Inclusive peace negotiations & the WPS agenda" \
  "$(khal -c "$work/kabul/config" list --format '{start} {end} {title}' 2022-10-19 2022-10-20 | tail -n +2 | sed 's/ *$//')"
khal_for America/New_York "$work/ny"
khal -c "$work/ny/config" import --batch -a convene "$work/side/invites/kwakkenbos/main.ics"
check "khal in New York" "2022-10-19 08:15 2022-10-19 09:45 Inclusive peace negotiations & the WPS agenda" \
  "$(khal -c "$work/ny/config" list --format '{start} {end} {title}' 2022-10-19 2022-10-20 | tail -n +2 | sed 's/ *$//')"

# The update path.
mkdir -p "$work/up"
cat > "$work/up/a.yaml" <<'AGENDA'
convene: 1
id: update-path
title: Consultation
timezone: Europe/Kyiv
organizer: { name: Org, email: org@example.org }
people:
  - { id: ana, name: Ana, email: ana@example.org }
sessions:
  - { id: one, title: One, date: 2026-12-08, start: "10:00", duration: 1h }
  - { id: two, title: Two, date: 2026-12-09, start: "10:00", duration: 1h }
AGENDA
khal_for Europe/Kyiv "$work/kyiv"
k() { khal -c "$work/kyiv/config" "$@"; }
listing() { k list --format '{start} {title} {status}' 2026-12-08 2026-12-10 | grep -v day | sed 's/ *$//' | tr '\n' '|'; }
(cd "$work/up" && "$convene" ics a.yaml -o out >/dev/null) && k import --batch -a convene "$work/up/out/invites/ana/one.ics" \
  && k import --batch -a convene "$work/up/out/invites/ana/two.ics"
check "version 1, one invitation a session" "2026-12-08 10:00 One — Consultation CONFIRMED|2026-12-09 10:00 Two — Consultation CONFIRMED|" "$(listing)"
# Her programme, imported where she accepted the invitations, holds each session once.
k import --batch -a convene "$work/up/out/programmes/ana.ics"
check "the programme beside the invitations: each session once" "2026-12-08 10:00 One — Consultation CONFIRMED|2026-12-09 10:00 Two — Consultation CONFIRMED|" "$(listing)"
sed -i 's/date: 2026-12-09, start: "10:00"/date: 2026-12-09, start: "11:30"/' "$work/up/a.yaml"
(cd "$work/up" && SOURCE_DATE_EPOCH=1700000100 "$convene" ics a.yaml -o out >/dev/null) && k import --batch -a convene "$work/up/out/invites/ana/two.ics"
check "update held once at its new time" "2026-12-08 10:00 One — Consultation CONFIRMED|2026-12-09 11:30 Two — Consultation CONFIRMED|" "$(listing)"
sed -i '/id: two/d' "$work/up/a.yaml"
(cd "$work/up" && SOURCE_DATE_EPOCH=1700000200 "$convene" ics a.yaml -o out >/dev/null) && k import --batch -a convene "$work/up/out/cancellations/invites/ana/two.ics"
check "cancelled" "2026-12-08 10:00 One — Consultation CONFIRMED|2026-12-09 11:30 Two — Consultation CANCELLED|" "$(listing)"

# vobject reads every file.
vobject_result=$(python3 - "$work" <<'PY'
import pathlib, sys, vobject
bad = 0
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.ics")):
    if "/cal/" in str(path):
        continue
    try:
        calendar = vobject.readOne(path.read_text())
        for event in calendar.vevent_list:
            event.dtstart.value, event.dtend.value
    except Exception as error:
        print(f"{path}: {error}", file=sys.stderr)
        bad += 1
print(bad)
PY
)
check "vobject reads every file" "0" "$vobject_result"

# Python's icalendar reads every file without errors.
"$convene" ics agendas/kyiv-consultation-2026.yaml -o "$work/kyiv-files" --state "$work/kyiv.convene.db" >/dev/null
if python3 scripts/check-ics.py $(find "$work/side" "$work/up/out" "$work/kyiv-files" -name '*.ics') >"$work/icalendar.log"; then
  passed=$((passed + 1))
else
  failed=$((failed + 1)); echo "FAIL icalendar"; tail -5 "$work/icalendar.log"
fi

echo "clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
