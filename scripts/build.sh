#!/usr/bin/env bash
# Configures and builds scannedonly in ./build (or $SCANNEDONLY_BUILD_DIR);
# arguments go to cmake's configure step (-DSCANNEDONLY_SANITIZE=ON).
# Idempotent: a second run only rebuilds what changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SCANNEDONLY_BUILD_DIR:-$root/build}

cmake -S "$root" -B "$build" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_INSTALL_SYSCONFDIR=/etc "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
