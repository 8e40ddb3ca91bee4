#!/usr/bin/env bash
# Runs the libical paths (writing calendars, reading busy calendars) under valgrind and fails
# on any block lost that libical allocated, any invalid read, write or free, and any use of an
# uninitialised value inside libical or SQLite. (Optimised Swift code compares enums whose
# unused payload bytes valgrind takes for uninitialised; those reports, in the Swift frames of
# Yams and GRDB, say nothing about the C libraries and are not counted.)
#
# Valgrind 3.19 cannot read the DWARF 5 debug information of Swift 6 builds, so this checks the
# debug binary `make test` built, stripped: libical's and SQLite's own frames still have names.
# (A release build of its own would add minutes: the live server's TLS and HTTP libraries
# compiled again, optimised, for C libraries that are the same in both.) Blocks the Swift
# runtime keeps for one-time globals show as "definitely lost" (valgrind cannot see Swift's
# references to them); they are not counted.
set -u
cd "$(dirname "$0")/.."
swift build --product convene >/dev/null || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
strip -o "$work/convene" .build/debug/convene
mkdir -p "$work/busy"
cat > "$work/busy/van-dalen.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
UID:w
DTSTART;TZID=W. Europe Standard Time:20261102T090000
DTEND;TZID=W. Europe Standard Time:20261102T120000
RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR
EXDATE;TZID=W. Europe Standard Time:20261209T090000
END:VEVENT
BEGIN:VEVENT
UID:w
RECURRENCE-ID;TZID=W. Europe Standard Time:20261210T090000
DTSTART;TZID=W. Europe Standard Time:20261210T140000
DTEND;TZID=W. Europe Standard Time:20261210T150000
END:VEVENT
BEGIN:VFREEBUSY
FREEBUSY:20261211T090000Z/PT2H
END:VFREEBUSY
END:VCALENDAR
ICS
passed=0 failed=0
run() { # NAME ARGUMENTS...
  local name=$1; shift
  valgrind --leak-check=full --show-leak-kinds=definite,indirect --num-callers=40 "$work/convene" "$@" >"$work/log" 2>&1
  local lost invalid
  lost=$(awk '/are (definitely|indirectly) lost/{record=1; libical=0; next} /libical/{if (record) libical=1} /^==[0-9]+== $/{if (record && libical) n++; record=0} END {print n+0}' "$work/log")
  invalid=$(grep -cE "Invalid (read|write|free)" "$work/log")
  # An uninitialised value counts when a C library's frame is in its stack.
  invalid=$((invalid + $(awk '/uninitialised/{record=1; c=0; next} /libical|libsqlite/{if (record) c=1} /^==[0-9]+== $/{if (record && c) n++; record=0} END {print n+0}' "$work/log")))
  if [ "$lost" -eq 0 ] && [ "$invalid" -eq 0 ] && grep -q "ERROR SUMMARY" "$work/log"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: $lost blocks lost by libical, $invalid invalid accesses"
    grep -E "lost in loss record|Invalid|uninitialised" -A12 "$work/log" | head -60
  fi
}
run "ics, Chatham House sample" ics agendas/kyiv-consultation-2026.yaml -o "$work/ics" --state "$work/kyiv.convene.db"
run "ics again (updates)" ics agendas/kyiv-consultation-2026.yaml -o "$work/ics" --state "$work/kyiv.convene.db"
run "build, side event" build agendas/wps-side-event-2022.yaml -o "$work/build" --state "$work/side.convene.db"
run "slots with an Outlook calendar" slots agendas/kyiv-consultation-2026.yaml --session day1-morning --from 2026-12-07 --to 2026-12-11 --busy "$work/busy"
echo "leaks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
