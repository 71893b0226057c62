#!/usr/bin/env bash
# The main job: installs everything, builds, installs scannedonly, and starts
# an smbd serving a demo share with `vfs objects = scannedonly` on loopback.
#   scripts/demo.sh          (re)start the demo
#   scripts/demo.sh stop     stop it
# Idempotent: a second run rebuilds only what changed and restarts the demo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
demo=${SCANNEDONLY_DEMO_DIR:-/var/lib/scannedonly/demo}
port=${SCANNEDONLY_DEMO_PORT:-4450}

stop_demo() {
  local pidfile="$demo/pid/smbd.pid"
  if [[ -s $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")"
    for _ in $(seq 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.1; done
    echo "demo: stopped smbd"
  fi
}

if [[ ${1:-} == stop ]]; then
  stop_demo
  exit 0
fi

"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
cmake --install "${SCANNEDONLY_BUILD_DIR:-$root/build}" >/dev/null
stop_demo

mkdir -p "$demo"/{share,private,lock,state,cache,pid,ncalrpc,binddns,log}
chmod 0777 "$demo/share"
echo "Hello from a share protected by scannedonly." >"$demo/share/hello.txt"
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
    path = $demo/share
    guest ok = yes
    read only = no
    vfs objects = scannedonly
CONF

smbd --daemon --configfile="$demo/smb.conf"
for _ in $(seq 100); do
  smbclient "//127.0.0.1/demo" --port "$port" -N --configfile="$demo/smb.conf" -c ls \
    >/dev/null 2>&1 && break
  sleep 0.2
done
smbclient "//127.0.0.1/demo" --port "$port" -N --configfile="$demo/smb.conf" -c ls

cat <<MSG

demo: smbd is serving the share "demo" ($demo/share) with vfs objects = scannedonly.
  connect:  smbclient //127.0.0.1/demo --port $port -N
  logs:     $demo/log/
  stop:     $root/scripts/demo.sh stop
MSG
