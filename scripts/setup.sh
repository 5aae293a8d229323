#!/usr/bin/env bash
# Installs what the project needs on a fresh Debian machine: system packages
# for the browser tests (Debian's chromium, a CJK font) and a Python venv.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${ZHIBIAO_SKIP_APT:-0}" != 1 ]; then
  need=""
  [ -x /usr/bin/chromium ] || need="$need chromium"
  fc-list 2>/dev/null | grep -qi "noto sans cjk" || need="$need fonts-noto-cjk"
  if [ -n "$need" ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -r requirements.txt
