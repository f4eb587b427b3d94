#!/usr/bin/env bash
# Make sure headless Chromium is available for @hepuq/report's browser test.
# Idempotent: exits 0 at once when the browser is present; otherwise installs Debian's `chromium`
# package (needs root or sudo and apt access). Override the path with HEPUQ_CHROMIUM.
set -euo pipefail

CHROMIUM="${HEPUQ_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-chromium: $CHROMIUM is missing and this user cannot install packages; run 'apt-get install -y chromium' as root" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium and set HEPUQ_CHROMIUM to its path" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package" >&2
# another process may hold the dpkg lock for a while (e.g. a parallel apt-get): wait for it
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: chromium installed but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "ensure-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) ready" >&2
