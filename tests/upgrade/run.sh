#!/usr/bin/env bash
# The Samba upgrade path, end to end, inside a fresh Debian 12 root made by
# scripts/test-debian.sh (never on a real server: it upgrades samba).
# Installs scannedonly as an administrator would (install-deps, build,
# cmake --install), adds bookworm-backports in a sources file of its own,
# then test_samba_upgrade.py upgrades samba 4.17 to 4.22 through apt.
set -euo pipefail
[[ ${SCANNEDONLY_IN_TEST_ROOT:-} == 1 ]] ||
  { echo "run.sh: only inside a test root (scripts/test-debian.sh upgrade)" >&2; exit 2; }
src=$(cd "$(dirname "$0")/../.." && pwd)
build=${SCANNEDONLY_BUILD_DIR:-$src/build}

# Backports first, as an administrator who means to upgrade from it would
# add it: install-deps then writes its deb-src twin, which the rebuild needs.
codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
apt-get update -q >/dev/null
url=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Identifier: Packages' |
      awk -v c="$codename" '$2 == c { print $1; exit }')
[[ -n $url ]] || { echo "run.sh: no apt source serves $codename" >&2; exit 1; }
echo "deb $url $codename-backports main" >/etc/apt/sources.list.d/backports.list
apt-get update -q >/dev/null

"$src/scripts/install-deps.sh"
"$src/scripts/build.sh"
cmake --install "$build" >/dev/null
# This root's smbd must not start during the upgrade: the test runs its own.
printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
chmod +x /usr/sbin/policy-rc.d

cd "$src/tests/upgrade"
exec env SCANNEDONLYD=/usr/sbin/scannedonlyd SCANNEDONLY_PRESCAN=/usr/sbin/scannedonly_prescan \
  SCANNEDONLY_BACKPORTS="$codename-backports" \
  /usr/bin/python3 -m pytest -q -p no:cacheprovider test_samba_upgrade.py
