#!/usr/bin/env bash
# Fresh Debian roots for testing on every supported Debian and Samba.
#
#   scripts/debian-root.sh tarball SUITE       make (once) and print the cached
#                                              minimal root of SUITE
#   scripts/debian-root.sh run SUITE -- CMD... run CMD as root in a fresh copy
#                                              of that root, source tree at /src
#
# A root is what `mmdebstrap --variant=apt` makes from the archive the host's
# apt already uses, and nothing else: every package a test needs must be
# installed by the project's own scripts inside it. Cached under
# $SCANNEDONLY_CACHE (default /var/cache/scannedonly): the minimal root
# tarballs in roots/, and per suite in suites/SUITE/ what its roots keep
# across runs: downloaded .debs, ccache, and the prepared Samba trees. A root
# sees that directory as its own /var/cache/scannedonly: a tree's
# configuration depends on the headers installed where it was prepared (the
# host may have valgrind's, a fresh root has not), so roots never share the
# host's trees.
set -euo pipefail

root_dir=$(cd "$(dirname "$0")/.." && pwd)
cache=${SCANNEDONLY_CACHE:-/var/cache/scannedonly}
log() { echo "debian-root: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Fail in seconds, not minutes, when the archive cannot be reached.
apt_net_options=(-o Acquire::Retries=1 -o Acquire::http::Timeout=30
                 -o Acquire::https::Timeout=30)

# The Debian archive the host's apt uses: the repository that serves the
# host's own release. Read through apt, so one-line and deb822 sources both
# work; no host name is written into this project.
archive_url() {
  local codename url
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [[ -n $codename ]] || die "cannot read the host's release from /etc/os-release"
  url=$(repository_of "$codename")
  if [[ -z $url ]]; then  # apt lists targets only once it has fetched lists
    apt-get update -q "${apt_net_options[@]}" >&2 || die "apt-get update failed on the host"
    url=$(repository_of "$codename")
  fi
  [[ -n $url ]] ||
    die "no apt source of the host serves '$codename'; add the Debian archive to /etc/apt/sources.list.d"
  echo "$url"
}

repository_of() {
  apt-get indextargets --format '$(REPO_URI) $(RELEASE)' 'Identifier: Packages' |
    awk -v c="$1" '$2 == c { print $1; exit }'
}

check_archive() {
  local url=$1 suite=$2 probe
  probe=$(mktemp)
  if ! timeout 60 /usr/lib/apt/apt-helper "${apt_net_options[@]}" \
       download-file "${url%/}/dists/$suite/InRelease" "$probe" >/dev/null 2>&1; then
    rm -f "$probe"
    die "the Debian archive ${url%/} does not answer for '$suite' (no network to it?); fresh roots need it"
  fi
  rm -f "$probe"
}

ensure_mmdebstrap() {
  command -v mmdebstrap >/dev/null && return
  log "installing mmdebstrap"
  # A new machine may never have fetched its package lists.
  { apt-get update -q "${apt_net_options[@]}" &&
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      "${apt_net_options[@]}" mmdebstrap; } >&2 || die "could not install mmdebstrap"
}

# The suite and its -updates, from the host's archive. Further suites (such
# as backports) are added by whoever needs them, in a sources file of their own.
make_tarball() {
  local suite=$1 tarball="$cache/roots/$1.tar" url
  mkdir -p "$cache/roots"
  exec 8>"$tarball.lock"
  flock 8
  if [[ -s $tarball ]]; then echo "$tarball"; return; fi
  url=$(archive_url)
  ensure_mmdebstrap
  log "making a minimal $suite root from $url (a few minutes, once)"
  mmdebstrap --quiet --variant=apt --mode=root --format=tar "${apt_net_options[@]/#/--aptopt=}" \
    "$suite" "$tarball.tmp" "deb $url $suite main" "deb $url $suite-updates main" >&2 ||
    { rm -f "$tarball.tmp"; die "mmdebstrap $suite failed"; }
  mv "$tarball.tmp" "$tarball"
  echo "$tarball"
}

# The inside of a run: mounts live in this private mount namespace only, so
# they vanish with it, whatever way the run ends.
enter() {
  local target=$1; shift
  # A mount point of its own, as / is on a real system: tests that unshare
  # their own mount namespace inside the root can then make it private.
  mount --bind "$target" "$target"
  mount --rbind /dev "$target/dev"
  mount -t proc proc "$target/proc"
  mount --rbind /sys "$target/sys"
  mount -t tmpfs tmpfs "$target/tmp"
  mkdir -p "$target/src" "$target/var/cache/scannedonly" "$target/var/cache/apt/archives"
  mount --bind "$root_dir" "$target/src"
  mount --bind "$suite_cache" "$target/var/cache/scannedonly"
  mount --bind "$suite_cache/apt" "$target/var/cache/apt/archives"
  cp /etc/resolv.conf "$target/etc/resolv.conf" 2>/dev/null || true
  # What Debian's installer writes; mmdebstrap leaves no /etc/hosts.
  [[ -e $target/etc/hosts ]] || printf '%s\n' '127.0.0.1	localhost' \
    '::1	localhost ip6-localhost ip6-loopback' >"$target/etc/hosts"
  exec chroot "$target" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb CI="${CI:-}" PYTHONDONTWRITEBYTECODE=1 \
    SCANNEDONLY_BUILD_DIR=/build CCACHE_DIR=/var/cache/scannedonly/ccache "$@"
}

run_in_root() {
  local suite=$1; shift
  [[ ${1:-} == -- ]] && shift
  (($#)) || die "run: no command given"
  local tarball target url status=0
  # Every run installs from the archive: say so at once when it is out of reach.
  url=$(archive_url)
  check_archive "$url" "$suite"
  tarball=$(make_tarball "$suite")
  mkdir -p "$cache/suites/$suite/apt/partial"
  target=$(mktemp -d "${TMPDIR:-/var/tmp}/scannedonly-$suite.XXXXXX")
  # The root's mounts die with its namespace, so removing it is always safe.
  trap "rm -rf --one-file-system '$target'" EXIT
  tar -C "$target" -xf "$tarball"
  # Keep downloaded packages for the next run, and give up on an unreachable
  # archive quickly.
  printf 'Binary::apt::APT::Keep-Downloaded-Packages "true";\nAPT::Keep-Downloaded-Packages "true";\nAcquire::Retries "1";\nAcquire::http::Timeout "30";\n' \
    >"$target/etc/apt/apt.conf.d/99scannedonly-test"
  rm -f "$target/etc/apt/apt.conf.d/docker-clean"
  log "running in a fresh $suite root ($target): $*"
  unshare --mount --propagation private \
    "$0" __enter "$suite" "$target" "$@" || status=$?
  return "$status"
}

case ${1:-} in
  tarball) make_tarball "${2:?suite}" ;;
  run) shift; run_in_root "$@" ;;
  __enter) suite_cache=$cache/suites/$2; target=$3; shift 3; enter "$target" "$@" ;;
  *) die "usage: $0 tarball SUITE | run SUITE -- COMMAND..." ;;
esac
