#!/usr/bin/env bash
# Installs every Debian package scannedonly needs to build, test and run.
# Idempotent: apt-get skips what is installed; the package lists are only
# refreshed when a package is missing.
set -euo pipefail

packages=(
  # build
  cmake g++ make pkg-config
  libtalloc-dev libpcre2-dev libclamav-dev libsystemd-dev
  libgtest-dev googletest libbenchmark-dev
  # configuring a Samba source tree for the module's headers
  dpkg-dev python3 libgnutls28-dev zlib1g-dev flex bison libparse-yapp-perl
  libtevent-dev libtdb-dev libldb-dev libpopt-dev libkeyutils-dev
  # running and testing
  samba smbclient samba-vfs-modules samba-testsuite
  clamav-daemon clamdscan python3-pytest python3-smbc zip
  # docs checks
  mandoc systemd
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' \
    || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
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
echo "install-deps: all packages present"
