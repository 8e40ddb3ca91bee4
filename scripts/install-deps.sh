#!/usr/bin/env bash
# Installs the system packages Convene needs on Debian or Ubuntu, once:
#   tzdata       the time-zone database every time Convene prints is computed from
#   libical-dev  iCalendar parsing and writing (with pkg-config to find it)
#   python3-yaml, python3-jsonschema  used by the tests to check the published JSON Schema
# Does nothing when they are all present.
set -euo pipefail
packages=(tzdata libical-dev pkg-config python3-yaml python3-jsonschema)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
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
