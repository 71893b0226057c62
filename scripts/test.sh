#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs the unit
# tests (googletest) and integration tests (real smbd, smbclient, daemon and
# libclamav) through ctest. Needs root: smbd only loads modules from its
# MODULESDIR, where the tests install the freshly built module.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SCANNEDONLY_BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure --timeout 1200 "$@"
