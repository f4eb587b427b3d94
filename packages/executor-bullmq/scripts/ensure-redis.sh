#!/usr/bin/env bash
# Make sure `redis-server` is available for @hepuq/executor-bullmq's tests (each test starts its own
# server on 127.0.0.1 at a random port; nothing here starts a service).
# Idempotent: exits 0 at once when the binary is present; otherwise installs Debian's `redis-server`
# package (needs root or sudo and apt access). Override the path with HEPUQ_REDIS_SERVER.
set -euo pipefail

REDIS="${HEPUQ_REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}"
if [ -x "$REDIS" ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-redis: redis-server is missing and this user cannot install packages; run 'apt-get install -y redis-server' as root" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: redis-server is missing and apt-get is not available; install Redis (>= 6.2) and set HEPUQ_REDIS_SERVER to its redis-server" >&2
  exit 1
fi

echo "ensure-redis: installing Debian's redis-server package" >&2
# another process may hold the dpkg lock for a while (e.g. a parallel apt-get): wait for it
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
# the package's service is not wanted (tests start their own servers); policy-rc.d may refuse it anyway
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends redis-server >/dev/null

REDIS="${HEPUQ_REDIS_SERVER:-$(command -v redis-server || echo /usr/bin/redis-server)}"
if [ ! -x "$REDIS" ]; then
  echo "ensure-redis: redis-server installed but $REDIS is still missing" >&2
  exit 1
fi
echo "ensure-redis: $("$REDIS" --version 2>/dev/null || echo redis-server) ready" >&2
