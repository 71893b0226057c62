#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, and runs the unit
# tests (googletest) and integration tests (real smbd, smbclient, daemon and
# libclamav) through ctest. Needs root: smbd only loads modules from its
# MODULESDIR, where the tests install the freshly built module. Then the
# core, the daemon and the prescan tool again with AddressSanitizer and
# UBSan (SCANNEDONLY_SANITIZE, in ./build-asan): their unit tests and the
# daemon's and the prescan tool's integration tests, unless arguments
# chose tests of the first build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SCANNEDONLY_BUILD_DIR:-$root/build}

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure --timeout 1200 "$@"

# Arguments pick tests of the first build: the quick loop skips the second.
[ $# -eq 0 ] || exit 0
SCANNEDONLY_BUILD_DIR="$build-asan" "$root/scripts/build.sh" -DSCANNEDONLY_SANITIZE=ON
cd "$build-asan"
ctest --output-on-failure --timeout 1200 -L unit
ctest --output-on-failure --timeout 1200 -R '^integration\.test_(daemon|prescan)_'
