#!/usr/bin/env bash
# The main job: installs everything, builds and installs scannedonly, starts
# scannedonlyd and an smbd serving a demo share with `vfs objects =
# scannedonly` on loopback, and shows the whole flow: a prescan, a clean file
# that becomes readable, an EICAR test file that is renamed with a warning
# beside it. The services keep running afterwards.
#   scripts/demo.sh          (re)start the demo
#   scripts/demo.sh stop     stop it
# Idempotent: a second run rebuilds only what changed and starts afresh.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SCANNEDONLY_BUILD_DIR:-$root/build}
demo=${SCANNEDONLY_DEMO_DIR:-/var/lib/scannedonly/demo}
port=${SCANNEDONLY_DEMO_PORT:-4450}
share=$demo/share
socket=$demo/run/scan.sock

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { echo "demo: error: $*" >&2; exit 1; }

stop_pidfile() {  # pidfile name
  local pidfile=$1 name=$2 pid
  [[ -s $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && die "$name (pid $pid) did not stop"
  echo "demo: stopped $name"
}

stop_demo() {
  stop_pidfile "$demo/pid/smbd.pid" smbd
  stop_pidfile "$demo/run/scannedonlyd.pid" scannedonlyd
}

smbclient_demo() {
  smbclient "//127.0.0.1/demo" --port "$port" -N --configfile="$demo/smb.conf" "$@"
}

# Polls a command for up to $1 seconds.
wait_for() {
  local seconds=$1; shift
  for _ in $(seq $((seconds * 10))); do "$@" && return 0; sleep 0.1; done
  return 1
}

# The EICAR string and the test signatures come from the test harness, so
# the demo and the tests cannot drift apart.
harness() {
  PYTHONPATH="$root/tests/integration" python3 -c "from harness.signatures import *; $1"
}

# smbd maps the module: replace it atomically (cmake --install would
# rewrite it in place under running smbds) and keep its timestamp, so that
# cmake --install then finds it up to date.
install_module() {
  local modulesdir target
  modulesdir=$(smbd -b | sed -n 's/^ *MODULESDIR: //p')
  target="$modulesdir/vfs/scannedonly.so"
  mkdir -p "$modulesdir/vfs"
  cp -p "$build/vfs/scannedonly.so" "$target.demo-tmp"
  mv -f "$target.demo-tmp" "$target"
}

signature_database() {
  if compgen -G '/var/lib/clamav/*.c[vl]d' >/dev/null; then
    echo /var/lib/clamav
  else
    harness "write_test_database('$demo/db')" && echo "$demo/db"
  fi
}

write_smb_conf() {
  cat >"$demo/smb.conf" <<CONF
[global]
    server role = standalone server
    smb ports = $port
    interfaces = 127.0.0.1
    bind interfaces only = yes
    private dir = $demo/private
    lock directory = $demo/lock
    state directory = $demo/state
    cache directory = $demo/cache
    pid directory = $demo/pid
    ncalrpc dir = $demo/ncalrpc
    binddns dir = $demo/binddns
    log file = $demo/log/log.%m
    passdb backend = tdbsam:$demo/private/passdb.tdb
    map to guest = Bad User
    guest account = nobody
    load printers = no
    printing = bsd
    printcap name = /dev/null
    disable spoolss = yes
    disable netbios = yes
    server min protocol = SMB2
[demo]
    path = $share
    guest ok = yes
    read only = no
    vfs objects = scannedonly
    scannedonly:socketname = $socket
CONF
}

start_daemon() {
  local db=$1
  rm -f "$demo/log/scannedonlyd.log"
  setsid scannedonlyd --foreground --config /dev/null --loglevel 2 \
    --socket "$socket" --scanroot "$share" --database "$db" \
    --viruslog "$demo/log/virus.log" --pidfile "$demo/run/scannedonlyd.pid" \
    </dev/null >>"$demo/log/scannedonlyd.log" 2>&1 &
  wait_for 120 grep -q 'ready:' "$demo/log/scannedonlyd.log" ||
    die "scannedonlyd did not start; see $demo/log/scannedonlyd.log"
  grep 'ready:' "$demo/log/scannedonlyd.log"
}

start_smbd() {
  smbd --daemon --configfile="$demo/smb.conf"
  wait_for 20 smbclient_demo -c ls >/dev/null 2>&1 ||
    die "smbd does not serve the demo share; see $demo/log/"
}

if [[ ${1:-} == stop ]]; then
  stop_demo
  exit 0
fi

say "Installing dependencies, building, installing"
"$root/scripts/install-deps.sh"
SCANNEDONLY_BUILD_DIR=$build "$root/scripts/build.sh"
install_module
cmake --install "$build" >/dev/null
stop_demo

say "Starting scannedonlyd"
rm -rf "$share" "$demo/db" "$demo/log/virus.log"
mkdir -p "$share" "$demo"/{run,private,lock,state,cache,pid,ncalrpc,binddns,log}
chmod 0777 "$share"
db=$(signature_database)
echo "signatures: $db"
start_daemon "$db"

say "Prescanning files that were there before the share was opened"
mkdir -p "$share/archive"
for n in 1 2 3; do echo "Quarterly report $n" >"$share/archive/report-$n.txt"; done
scannedonly_prescan --wait=60s --socket "$socket" "$share" ||
  die "scannedonly_prescan found a problem in the clean files"

say "Starting smbd with vfs objects = scannedonly on 127.0.0.1:$port"
write_smb_conf
start_smbd

say "Uploading a clean file and the EICAR test file through the share"
echo "Hello from a share protected by scannedonly." >"$demo/hello.txt"
harness "import sys; sys.stdout.buffer.write(EICAR)" >"$demo/eicar.com"
smbclient_demo -c "put $demo/hello.txt hello.txt; put $demo/eicar.com eicar.com"
wait_for 30 test -e "$share/eicar.com.VIRUS-WARNING.txt" ||
  die "no verdict for eicar.com; see $demo/log/scannedonlyd.log"

say "The share now (smbclient ls)"
smbclient_demo -c ls

say "The clean file is readable (smbclient get hello.txt)"
wait_for 10 smbclient_demo -c "get hello.txt -" >/dev/null 2>&1 ||
  die "hello.txt is not readable through the share"
smbclient_demo -c "get hello.txt -" 2>/dev/null

say "The infected file is gone (smbclient get eicar.com)"
if smbclient_demo -c "get eicar.com -" >/dev/null 2>&1; then
  die "eicar.com is still downloadable"
fi
smbclient_demo -c "get eicar.com -" 2>&1 | grep NT_STATUS || true

say "The warning users find instead (eicar.com.VIRUS-WARNING.txt)"
smbclient_demo -c "get eicar.com.VIRUS-WARNING.txt -" 2>/dev/null

say "On disk: the daemon's verdicts beside the files, and the virus log"
ls -la "$share"
cat "$demo/log/virus.log"

cat <<MSG

demo: scannedonlyd and smbd are running; the share "demo" is $share.
  connect:  smbclient //127.0.0.1/demo --port $port -N
  prescan:  scannedonly_prescan --wait --socket $socket $share
  logs:     $demo/log/ (scannedonlyd.log, virus.log, log.smbd)
  manuals:  man scannedonlyd, man scannedonly_prescan, man vfs_scannedonly
  stop:     $root/scripts/demo.sh stop
MSG
