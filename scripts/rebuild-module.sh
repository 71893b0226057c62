#!/usr/bin/env bash
# Rebuilds vfs/scannedonly.so for the installed Samba and installs it.
#
# `cmake --install` puts this script in /usr/lib/scannedonly/rebuild-module,
# the module's source in /usr/src/scannedonly-VERSION, and an apt hook
# (/etc/apt/apt.conf.d/80scannedonly-module) that runs
#   rebuild-module --if-samba-changed
# after every dpkg run, so a Samba upgrade is followed by a module built for
# it. A module built for another Samba is refused by smbd, and so is the
# share (docs/installation.md): if this fails, shares with scannedonly stay
# closed, never unprotected, until it is run again by hand.
set -euo pipefail

source_dir=${SCANNEDONLY_MODULE_SOURCE:-@SCANNEDONLY_MODULE_SOURCE@}
stamp=${SCANNEDONLY_MODULE_STAMP:-@SCANNEDONLY_MODULE_STAMP@}
cache=${SCANNEDONLY_CACHE:-/var/cache/scannedonly}
logfile=${SCANNEDONLY_REBUILD_LOG:-/var/log/scannedonly/module-rebuild.log}

# Every line to the terminal (apt shows it), the log file and the journal.
log() {
  echo "scannedonly: $*" >&2
  { mkdir -p "$(dirname "$logfile")" && printf '%s %s\n' "$(date -Is)" "$*" >>"$logfile"; } 2>/dev/null || true
  logger -t scannedonly-rebuild-module -- "$*" 2>/dev/null || true
}

if_changed=0
case ${1:-} in
  --if-samba-changed) if_changed=1 ;;
  "") ;;
  -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: $0 [--if-samba-changed]" >&2; exit 64 ;;
esac

# Samba removed: nothing to build for.
version=$(dpkg-query -W -f='${db:Status-Abbrev} ${Version}' samba 2>/dev/null |
          awk '$1 == "ii" { print $2 }') || true
[[ -n $version ]] || exit 0
built_for=$(cat "$stamp" 2>/dev/null || true)
((if_changed)) && [[ $built_for == "$version" ]] && exit 0

log "rebuilding the VFS module for samba $version (was built for ${built_for:-unknown}); log: $logfile"
build="$cache/module-build"
fail() {
  tail -n 25 "$logfile" >&2 2>/dev/null || true
  log "FAILED to rebuild the module for samba $version: $*"
  log "shares with 'vfs objects = scannedonly' are refused until it is rebuilt; fix the cause and run $0"
  exit 1
}
[[ -f $source_dir/CMakeLists.txt ]] || fail "no module source in $source_dir (reinstall scannedonly)"
{
  cmake -S "$source_dir" -B "$build" -DSCANNEDONLY_MODULE_ONLY=ON \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
  cmake --build "$build" -j"$(nproc)"
} >>"$logfile" 2>&1 || fail "the build failed (see $logfile)"

smbd=$(command -v smbd || echo /usr/sbin/smbd)
modulesdir=$("$smbd" -b | sed -n 's/^ *MODULESDIR: //p')
[[ -n $modulesdir ]] || fail "smbd -b names no MODULESDIR"
# Atomic replacement: running smbds keep the module they mapped; new
# connections load the new one.
mkdir -p "$modulesdir/vfs"
cp "$build/vfs/scannedonly.so" "$modulesdir/vfs/.scannedonly.so.new" &&
  mv -f "$modulesdir/vfs/.scannedonly.so.new" "$modulesdir/vfs/scannedonly.so" ||
  fail "could not install $modulesdir/vfs/scannedonly.so"
mkdir -p "$(dirname "$stamp")"
echo "$version" >"$stamp"
log "installed $modulesdir/vfs/scannedonly.so for samba $version"
