#!/usr/bin/env bash
# Make sure Slurm's daemons and client commands and munge are available for @hepuq/executor-slurm's
# tests (each test starts its own private one-node cluster in a temporary directory, on random
# ports; nothing here starts a service or changes /etc).
# Idempotent: exits 0 at once when the binaries are present; otherwise installs Debian's `slurm-wlm`
# and `munge` packages (needs root or sudo and apt access). Override the daemons' directory with
# HEPUQ_SLURM_SBIN (default /usr/sbin).
set -euo pipefail

SBIN="${HEPUQ_SLURM_SBIN:-/usr/sbin}"
present() {
  [ -x "$SBIN/slurmctld" ] && [ -x "$SBIN/slurmd" ] && [ -x "$SBIN/munged" ] && command -v sbatch >/dev/null 2>&1 && command -v squeue >/dev/null 2>&1 && command -v scancel >/dev/null 2>&1
}
if present; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "ensure-slurm: Slurm is missing and this user cannot install packages; run 'apt-get install -y --no-install-recommends slurm-wlm munge' as root" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-slurm: Slurm is missing and apt-get is not available; install slurmctld, slurmd, munged and the client commands (sbatch, squeue, scancel), and set HEPUQ_SLURM_SBIN to the daemons' directory" >&2
  exit 1
fi

echo "ensure-slurm: installing Debian's slurm-wlm and munge packages" >&2
# another process may hold the dpkg lock for a while (e.g. a parallel apt-get): wait for it
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
# the packages' services are not wanted (tests start private daemons); policy-rc.d may refuse them anyway
DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends slurm-wlm munge >/dev/null

if ! present; then
  echo "ensure-slurm: slurm-wlm and munge installed but slurmctld, slurmd, munged, sbatch, squeue or scancel is still missing" >&2
  exit 1
fi
echo "ensure-slurm: $(sbatch --version 2>/dev/null || echo slurm) ready" >&2
