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

"$src/scripts/install-deps.sh"
"$src/scripts/build.sh"
cmake --install "$build" >/dev/null

codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
url=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Identifier: Packages' |
      awk -v c="$codename" '$2 == c { print $1; exit }')
echo "deb $url $codename-backports main" >/etc/apt/sources.list.d/backports.list
apt-get update -q >/dev/null

cd "$src/tests/integration"
exec env SCANNEDONLYD=/usr/sbin/scannedonlyd SCANNEDONLY_PRESCAN=/usr/sbin/scannedonly_prescan \
  SCANNEDONLY_BACKPORTS="$codename-backports" \
  /usr/bin/python3 -m pytest -q -p no:cacheprovider "$src/tests/upgrade/test_samba_upgrade.py"
