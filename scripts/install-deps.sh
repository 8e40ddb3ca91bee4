#!/usr/bin/env bash
# Installs what Convene needs on Debian or Ubuntu, once, and does nothing when it is there:
#   tzdata       the time-zone database every time Convene prints is computed from
#   libical-dev  iCalendar parsing and writing (with pkg-config to find it)
# and, with --test, the Python modules the tests use (PyYAML, jsonschema) for the python3 on PATH.
set -euo pipefail
packages=(tzdata libical-dev pkg-config)
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
if [ "${1:-}" = "--test" ] && ! python3 -c 'import yaml, jsonschema' 2>/dev/null; then
  echo "installing Python modules for the tests: pyyaml jsonschema"
  python3 -m pip install --quiet --disable-pip-version-check pyyaml jsonschema
fi
