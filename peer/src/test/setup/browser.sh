#!/usr/bin/env bash
# Makes sure the dashboard's browser test has its browser: Debian's chromium and its chromedriver (never a
# downloaded one). Run by `mvn verify` (the peer module's exec step before its tests), so the README's test
# command works on a fresh Debian machine as it is; installs with apt-get as root, or through sudo without a
# password, and otherwise says what to run.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: the dashboard test needs /usr/bin/chromium and /usr/bin/chromedriver (Debian's ${missing[*]});" \
       "this machine has no apt-get: install chromium and its chromedriver there, or run the tests on Debian" >&2
  exit 1
fi
as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    echo "error: the dashboard test needs Debian's ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
echo "installing ${missing[*]} for the dashboard test (apt-get)"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -q
"${as_root[@]}" apt-get install -y -q "${missing[@]}"
