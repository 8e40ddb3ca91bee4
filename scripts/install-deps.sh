#!/usr/bin/env bash
# Installs what Convene needs on Debian or Ubuntu, once, and does nothing when it is there:
#   tzdata       the time-zone database every time Convene prints is computed from, kept at
#                the newest release the package archive offers
#   libical-dev  iCalendar parsing and writing (with pkg-config to find it)
#   libsqlite3-dev  the event store's database (SQLite, through GRDB)
#   libgmime-3.0-dev  MIME parsing of the replies convene replies reads
#   valgrind     the tests' check that libical's memory is freed
# with --pdf, what convene print --format pdf and convene build use to print PDFs: Chromium and
# fonts-dejavu-core (the sheets' font, with Arabic, Cyrillic and Latin);
# and, with --test, what the tests use: Chromium, poppler-utils and fonts-dejavu-core (the
# printed sheets rendered to PDF and PNG and read back), Node and Mozilla's ical.js (from
# Debian's thunderbird package), Postfix and msmtp (convene send through a real mail transfer
# agent), xmllint (libxml2-utils), and the Python modules (PyYAML, jsonschema, calendar clients,
# the Radicale CalDAV server, Babel for the CLDR tables' check) for the python3 on PATH, with
# the readers of the frab schedule format (c3voc-schedule-tools, pyfahrplan) and the WebSocket
# client of the live check (websockets) in .build/python/.
set -euo pipefail
packages=(tzdata libical-dev libsqlite3-dev libgmime-3.0-dev pkg-config valgrind)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "error: these packages are missing and this user cannot install them: ${missing[*]}" >&2
      echo "hint: as root, run: apt-get install ${missing[*]}" >&2
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# tzdata at the newest release the archive offers, not only present: an old release gives wrong
# hours where the rules changed since (America/Vancouver after 1 November 2026, under 2025b).
# The package lists are refreshed first when they are missing or more than a day old.
tzdata_candidate() { apt-cache policy tzdata 2>/dev/null | awk '/Candidate:/ {print $2}'; }
if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" -eq 0 ] || command -v sudo >/dev/null 2>&1; }; then
  tz_sudo=""; [ "$(id -u)" -ne 0 ] && tz_sudo="sudo"
  lists_fresh=$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -1)
  if [ -z "$lists_fresh" ] || [ -z "$(tzdata_candidate)" ] || [ "$(tzdata_candidate)" = "(none)" ]; then
    DEBIAN_FRONTEND=noninteractive $tz_sudo apt-get update -qq || echo "warning: apt-get update failed; tzdata is checked against the lists there are" >&2
  fi
  tz_installed=$(dpkg-query -W -f='${Version}' tzdata 2>/dev/null || true)
  tz_candidate=$(tzdata_candidate)
  if [ -n "$tz_candidate" ] && [ "$tz_candidate" != "(none)" ] && [ "$tz_installed" != "$tz_candidate" ]; then
    echo "upgrading tzdata ${tz_installed:-(none)} to $tz_candidate"
    DEBIAN_FRONTEND=noninteractive $tz_sudo apt-get install -y -qq --no-install-recommends tzdata >/dev/null
  fi
fi
# Python modules: for --test, PyYAML, jsonschema, icalendar, vobject and khal 0.14.1 (the
# calendar clients the tests open invites in); for --bench, also
# recurring-ical-events. Debian's packages where the system Python is in use (its pip refuses
# to install), pip otherwise.
want_python() { # MODULE IMPORT-NAME DEBIAN-PACKAGE
  python3 -c "import $2" 2>/dev/null && return 0
  if [ "$(command -v python3)" = /usr/bin/python3 ]; then
    echo "installing $3"
    $sudo apt-get install -y -qq --no-install-recommends "$3" >/dev/null || { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends "$3" >/dev/null; }
  else
    echo "installing Python module $1"
    python3 -m pip install --quiet --disable-pip-version-check "$1"
  fi
}
# From PyPI only (Debian's khal is 0.10, which cannot read prefixed zones): pip, told that
# installing beside Debian's own packages is meant when the system Python is in use. With a
# FOLDER, into that folder alone (pip --target), for programs whose pins would replace what the
# other tests use (the schedule readers want icalendar 5, an old pytz and rich 10); CHECK then
# runs with the folder on PYTHONPATH.
want_pip() { # REQUIREMENT CHECK [FOLDER]
  if [ -n "${3:-}" ]; then
    PYTHONPATH="$3" python3 -c "$2" 2>/dev/null && return 0
    echo "installing Python package $1 into $3"
    rm -rf "$3"
    python3 -m pip install --quiet --disable-pip-version-check --no-warn-conflicts --target "$3" "$1"
    return
  fi
  python3 -c "$2" 2>/dev/null && return 0
  echo "installing Python package $1"
  if [ "$(command -v python3)" = /usr/bin/python3 ]; then
    python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "$1"
  else
    python3 -m pip install --quiet --disable-pip-version-check "$1"
  fi
}
sudo=""; [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
# System packages only the tests need.
want_deb() { # PACKAGE...
  local needed=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || needed+=("$package")
  done
  [ ${#needed[@]} -eq 0 ] && return 0
  echo "installing system packages: ${needed[*]}"
  # Postfix asks how mail is configured: the test instance has its own configuration.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null \
    || { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null; }
}
# Mozilla's ical.js as Thunderbird carries it (modules/calendar/Ical.sys.mjs inside omni.ja),
# taken from Debian's thunderbird package without installing it, into .build/engines/.
want_icaljs() {
  local root dest work deb
  root=$(cd "$(dirname "$0")/.." && pwd)
  dest="$root/.build/engines"
  [ -s "$dest/Ical.mjs" ] && [ -s "$dest/Ical.mjs.version" ] && return 0
  echo "fetching ical.js from Debian's thunderbird package"
  mkdir -p "$dest"
  work=$(mktemp -d)
  (cd "$work" && apt-get download thunderbird >/dev/null 2>&1) \
    || { $sudo apt-get update -qq && (cd "$work" && apt-get download thunderbird >/dev/null 2>&1); } \
    || { echo "error: apt-get download thunderbird failed; the ical.js check needs it" >&2; rm -rf "$work"; return 1; }
  deb=$(ls "$work"/thunderbird_*.deb | head -1)
  dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" ./usr/share/thunderbird/omni.ja
  python3 - "$work/usr/share/thunderbird/omni.ja" "$dest/Ical.mjs" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as omni, open(sys.argv[2], "wb") as out:
    out.write(omni.read("modules/calendar/Ical.sys.mjs"))
PY
  dpkg-deb -f "$deb" Version > "$dest/Ical.mjs.version"
  rm -rf "$work"
}
case "${1:-}" in
  --test)
    command -v node >/dev/null 2>&1 || want_deb nodejs
    want_icaljs
    want_pip radicale "import radicale"
    want_deb chromium poppler-utils fonts-dejavu-core
    # xmllint, which reads every schedule.xml convene export writes.
    want_deb libxml2-utils
    # A real mail transfer agent and a sendmail-compatible SMTP client for convene send.
    want_deb postfix msmtp
    # openssl, which makes the self-signed certificate convene live is tested with over TLS, and
    # nginx, the reverse proxy of docs/live.md's example, run on 127.0.0.1 by check-live-tls.py.
    want_deb openssl nginx
    want_python pyyaml yaml python3-yaml
    want_python jsonschema jsonschema python3-jsonschema
    want_pip "icalendar>=7" "import icalendar, sys; sys.exit(0 if int(icalendar.__version__.split('.')[0]) >= 7 else 1)"
    want_pip vobject "import vobject"
    want_pip khal==0.14.1 "import khal, sys; sys.exit(0 if khal.__version__ == '0.14.1' else 1)"
    # Programs that read the frab schedule format, each in a folder of its own (scripts/check-export.py).
    python_apart="$(cd "$(dirname "$0")/.." && pwd)/.build/python"
    want_pip c3voc-schedule-tools==1.1.0 "import voc.schedule" "$python_apart/c3voc"
    want_pip pyfahrplan==1.1.0 "import pyfahrplan, click, rich, dateutil; assert pyfahrplan.__version__ == '1.1.0'" "$python_apart/pyfahrplan"
    # A WebSocket client for scripts/check-live.py: it drives headless Chromium over the DevTools
    # protocol and connects the load test's viewers to convene live.
    want_pip websockets==15.0.1 "import websockets, sys; sys.exit(0 if websockets.__version__ == '15.0.1' else 1)" "$python_apart/websockets"
    # The Babel whose CLDR data scripts/cldr-data.py wrote into the sources, to check they are current.
    babel=$(sed -n 's/.*as shipped by Babel \([0-9.]*[0-9]\).*/\1/p' "$(dirname "$0")/../Sources/Convene/Printing/LocaleFormats.swift" | head -1)
    want_pip "babel==$babel" "import babel, sys; sys.exit(0 if babel.__version__ == '$babel' else 1)" ;;
  --pdf)
    want_deb chromium fonts-dejavu-core ;;
  --bench)
    want_python pyyaml yaml python3-yaml
    want_pip "icalendar>=7" "import icalendar, sys; sys.exit(0 if int(icalendar.__version__.split('.')[0]) >= 7 else 1)"
    want_pip recurring-ical-events "import recurring_ical_events" ;;
esac
