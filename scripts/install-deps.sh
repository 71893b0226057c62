#!/usr/bin/env bash
# Installs every Debian package scannedonly needs to build, test and run, and
# enables deb-src entries for `apt-get source samba` (the module is compiled
# against a prepared Samba source tree, scripts/prepare-samba-tree.sh).
# Idempotent: apt-get skips what is installed; the package lists are only
# refreshed when something is missing. Debian 12 (bookworm) and 13 (trixie).
set -euo pipefail

log() { echo "install-deps: $*"; }

packages=(
  # build
  cmake g++ make pkg-config ccache
  libtalloc-dev libpcre2-dev libclamav-dev libsystemd-dev
  libgtest-dev googletest libbenchmark-dev
  # configuring a Samba source tree for the module's headers
  dpkg-dev python3 libgnutls28-dev zlib1g-dev flex bison libparse-yapp-perl
  libjson-perl libtevent-dev libtdb-dev libldb-dev libpopt-dev libkeyutils-dev
  libkrb5-dev
  # running and testing
  samba smbclient samba-vfs-modules samba-testsuite
  clamav-daemon clamdscan python3-pytest python3-smbc zip strace mount e2fsprogs
  # docs checks
  mandoc groff-base man-db systemd
)
# Samba 4.17's configure imports distutils; bookworm's Python 3.11 ships it
# as a package of its own, trixie's Python 3.13 has none and Samba 4.22 no
# longer asks for it.
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
[[ $codename == bookworm ]] && packages+=(python3-distutils)

# deb-src twins of the Debian entries apt has (origins "Debian", "Debian
# Backports"; third-party repositories often serve no sources), in files of
# our own (docs/installation.md's uninstall section names them), refreshed
# on each run so a suite added later (backports) gets its twin too. Both source
# formats: a deb822 file is copied whole so Signed-By matches; a one-line
# entry is copied line by line.
apt_update() {
  apt-get update -q || { log "error: apt-get update failed (is the archive reachable?)"; exit 1; }
}

deb_src=/etc/apt/sources.list.d/scannedonly-deb-src
deb_src_twins() {  # writes $deb_src.{sources,list}.new
  local entry file line
  : >"$deb_src.sources.new"
  : >"$deb_src.list.new"
  while IFS= read -r entry; do
    file=${entry%:*} line=${entry##*:}
    case $file in
      "$deb_src".*) ;;
      *.sources) grep -qxF "# from $file" "$deb_src.sources.new" ||
                   { echo "# from $file"; sed 's/^Types:.*/Types: deb-src/' "$file"; echo; } \
                     >>"$deb_src.sources.new" ;;
      *) sed -n "${line}s/^deb\([[:space:]]\)/deb-src\1/p" "$file" >>"$deb_src.list.new" ;;
    esac
  done < <(apt-get indextargets --format '$(ORIGIN)|$(SOURCESENTRY)' 'Identifier: Packages' |
             awk -F'|' '$1 ~ /^Debian/ { print $2 }' | sort -u)
}

# Installs the fresh twins; true if they changed.
refresh_deb_src() {
  local ext changed=1
  deb_src_twins
  if [[ ! -s $deb_src.sources.new && ! -s $deb_src.list.new ]]; then
    apt_update  # a root fresh from debootstrap may have no lists yet
    deb_src_twins
  fi
  for ext in sources list; do
    if [[ ! -s $deb_src.$ext.new ]]; then
      rm -f "$deb_src.$ext.new"
      [[ -e $deb_src.$ext ]] && { rm -f "$deb_src.$ext"; changed=0; }
    elif cmp -s "$deb_src.$ext.new" "$deb_src.$ext"; then
      rm -f "$deb_src.$ext.new"
    else
      mv "$deb_src.$ext.new" "$deb_src.$ext"
      changed=0
    fi
  done
  [[ -e $deb_src.sources || -e $deb_src.list ]] ||
    { log "error: no Debian apt source to derive deb-src entries from"; exit 1; }
  return "$changed"
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$p")
done
export DEBIAN_FRONTEND=noninteractive
if refresh_deb_src; then
  log "deb-src entries written to $deb_src.*"
  apt_update
elif ((${#missing[@]})); then
  apt_update
fi
if ((${#missing[@]})); then
  log "installing ${missing[*]}"
  # The packaged services must not start on their own: tests and the demo
  # start their own smbd/clamd with private configs.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created_policy=1
  fi
  apt-get install -y -q --no-install-recommends "${missing[@]}"
  ((created_policy)) && rm -f "$policy"
fi
log "all packages present"
