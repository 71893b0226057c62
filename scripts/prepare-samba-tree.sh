#!/usr/bin/env bash
# Prepares the Samba source tree that vfs/scannedonly.so is compiled against.
#
# samba-dev does not ship vfs.h/includes.h, so a module must be built against
# a configured source tree of exactly the Samba version smbd runs. The tree is
# cached under $SCANNEDONLY_CACHE (default /var/cache/scannedonly), keyed by
# the installed version: a second run costs nothing, a Samba upgrade prepares
# the matching tree.
#
# Prints the path of the prepared tree's flags file (the -I/-D flags Samba
# uses for its own modules) on stdout; everything else goes to stderr.
set -euo pipefail

cache_root=${SCANNEDONLY_CACHE:-/var/cache/scannedonly}
log() { echo "prepare-samba-tree: $*" >&2; }
die() { log "error: $*"; exit 1; }

version=$(dpkg-query -W -f='${Version}' samba 2>/dev/null) ||
  die "the samba package is not installed (run scripts/install-deps.sh)"
[[ -n $version ]] || die "the samba package is not installed (run scripts/install-deps.sh)"

# The suffix names the recipe below: a change to it prepares trees anew.
tree_root="$cache_root/samba-${version//[:+~]/_}-mitkrb5"
flags_file="$tree_root/module-flags.txt"
if [[ -s $flags_file ]]; then
  echo "$flags_file"
  exit 0
fi

fetch_source() {
  local work=$1
  log "fetching samba $version source"
  (cd "$work" && apt-get source -q "samba=$version" >&2) && return
  fetch_upstream_source "$work" ||
    die "apt-get source samba=$version failed (deb-src entries come from scripts/install-deps.sh; is the archive reachable?)"
}

# bookworm-backports lists samba's source package but answers 404 for its
# .dsc and Debian tarball (seen for 4.22.6+dfsg-0+deb13u1~bpo12+1), while the
# upstream tarball downloads. The module needs Samba's own headers, which
# Debian's patches leave alone, so the verified upstream tarball will do.
fetch_upstream_source() {
  local work=$1 uri name size hash
  read -r uri name size hash < <(apt-get source --print-uris -q "samba=$version" 2>/dev/null |
                                 grep -E "^'[^']*\.orig\.tar\.[a-z0-9]+'" | head -n1) || return 1
  uri=${uri//\'/}
  log "Debian's packaging of samba $version cannot be fetched; using the upstream tarball $name"
  /usr/lib/apt/apt-helper download-file "$uri" "$work/$name" "$hash" >&2 &&
    tar -C "$work" -xf "$work/$name"
}

# Options keep the configure short: everything the module does not need is off.
# MIT Kerberos from the system (as Debian's pkg.samba.mitkrb5 profile builds)
# spares compiling the embedded Heimdal, a third of the build, and needs no
# file that the +dfsg tarball drops and only Debian's patches put back.
configure_tree() {
  local dir=$1 multiarch
  multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
  log "configuring $dir (about a minute)"
  (cd "$dir" && PYTHON=/usr/bin/python3 ./configure \
    --disable-python --without-ad-dc --without-ldap --without-ads --without-pam \
    --without-json --without-libarchive --without-acl-support --without-systemd \
    --without-winbind --disable-cups --disable-iprint --without-gpgme \
    --disable-avahi --without-quotas --without-ldb-lmdb --with-system-mitkrb5 \
    --with-shared-modules='!vfs_snapper' --enable-fhs --prefix=/usr \
    --sysconfdir=/etc --localstatedir=/var \
    --libdir="/usr/lib/$multiarch" \
    --with-modulesdir="/usr/lib/$multiarch/samba" >&2) ||
    die "configure failed in $dir"
}

# Building one small module makes waf generate every header a module includes
# (librpc/gen_ndr/*.h and friends) and records the exact flags it used.
build_reference_module() {
  local dir=$1
  log "generating headers by building vfs_readonly (several minutes)"
  (cd "$dir" && PYTHONHASHSEED=1 PYTHON=/usr/bin/python3 \
    buildtools/bin/waf build --targets=vfs_readonly -j"$(nproc)" >&2) ||
    die "waf build failed in $dir"
}

# The module flags: Samba's own -I/-D/-include flags for vfs_readonly.c, made
# absolute (waf records them relative to bin/default).
extract_flags() {
  local dir=$1
  /usr/bin/python3 - "$dir" <<'EOF'
import json, os, shlex, sys
top = sys.argv[1]
build = os.path.join(top, "bin", "default")
with open(os.path.join(build, "compile_commands.json")) as f:
    commands = json.load(f)
entry = next(c for c in commands if c["file"].endswith("vfs_readonly.c"))
args = entry.get("arguments") or shlex.split(entry["command"])
cwd = entry.get("directory", build)
out, it = [], iter(args)
for a in it:
    if a in ("-I", "-D", "-include"):
        a += next(it)
    if a.startswith("-I"):
        out.append("-I" + os.path.normpath(os.path.join(cwd, a[2:])))
    elif a.startswith("-include"):
        out.append("-include" + os.path.normpath(os.path.join(cwd, a[len("-include"):])))
    elif a.startswith("-D") and not a.startswith("-DSTATIC_"):
        out.append(a)
print("\n".join(out))
EOF
}

# One preparation per version at a time; other versions go on in parallel.
mkdir -p "$cache_root"
exec 9>"$tree_root.lock"
flock 9
if [[ -s $flags_file ]]; then   # prepared by a concurrent run
  echo "$flags_file"
  exit 0
fi

# The flags file is written last, so a tree without it is an interrupted
# attempt and is prepared again from scratch.
rm -rf "$tree_root"
mkdir -p "$tree_root"
fetch_source "$tree_root"
src_dir=$(find "$tree_root" -mindepth 1 -maxdepth 1 -type d -name 'samba-*' | head -n1)
[[ -n $src_dir ]] || die "apt-get source left no samba-* directory in $tree_root"
configure_tree "$src_dir"
build_reference_module "$src_dir"
ln -sfn "$src_dir" "$tree_root/source"
extract_flags "$src_dir" >"$flags_file.tmp" || die "could not read the module flags"
mv "$flags_file.tmp" "$flags_file"
log "prepared $tree_root"
echo "$flags_file"
