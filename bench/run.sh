#!/usr/bin/env bash
# Runs the benchmarks (issue 3: scannedonlyd vs clamd; issue 4: share with
# scannedonly vs plain vs vfs_virusfilter; issue 13: a 3 GiB file against
# libclamav's own scan; issue 15: opens behind a listing, how soon a file
# written over SMB is readable, opens during a rescan after a signature
# update; issue 16: requests during a restart; issue 17: libclamav vs clamd
# engines) and prints markdown results.
# Not part of ctest: it takes minutes and measures, rather than tests.
#   bench/run.sh                 full size (a few minutes on 2 cores)
#   bench/run.sh --quick         small sizes, to check the benchmarks work
#   bench/run.sh --root DIR      work (corpus, markers, temp files) below DIR
# Needs root (smbd loads modules only from its MODULESDIR). Builds first, in
# $SCANNEDONLY_BUILD_DIR (default ./build).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export SCANNEDONLY_BUILD_DIR=${SCANNEDONLY_BUILD_DIR:-$root/build}

daemon_args=() share_args=() large_args=() priority_args=() readable_args=() restart_args=()
outdated_args=() engine_args=()
while (($#)); do
  case $1 in
    --quick)
      daemon_args+=(--small 400 --archives 10 --large 1 --latency-files 40 --rounds 1 --settle 1)
      share_args+=(--list-files 1000 --read-files 100 --rounds 2)
      large_args+=(--size-mib 256 --latency-files 40 --settle 1)
      priority_args+=(--list-files 1000 --opens 20 --settle 1)
      readable_args+=(--files 25) restart_args+=(--files 600)
      outdated_args+=(--files 2000 --opens 20 --settle 1)
      engine_args+=(--small 400 --archives 10 --large 1 --rounds 1 --settle 1) ;;
    --root)
      daemon_args+=(--root "$2") share_args+=(--root "$2") large_args+=(--root "$2")
      priority_args+=(--root "$2") readable_args+=(--root "$2") restart_args+=(--root "$2")
      outdated_args+=(--root "$2") engine_args+=(--root "$2"); shift ;;
    *) echo "usage: $0 [--quick] [--root DIR]" >&2; exit 64 ;;
  esac
  shift
done

"$root/scripts/install-deps.sh" >/dev/null
"$root/scripts/build.sh" >/dev/null
cd "$root/bench"
echo "# scannedonly benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "no git")"
# One benchmark under its heading: bench TITLE SCRIPT [ARGS...]
bench() {
  printf '\n## %s\n\n' "$1"
  /usr/bin/python3 "${@:2}"
}
bench "scannedonlyd vs clamd" daemon_bench.py "${daemon_args[@]}"
bench "share: plain vs scannedonly vs virusfilter" share_bench.py "${share_args[@]}"
bench "a 3 GiB file: scannedonlyd vs libclamav's own scan" large_file_bench.py "${large_args[@]}"
bench "a waiting user first: opens behind a listing" priority_bench.py "${priority_args[@]}"
bench "readable after its close: a file written over SMB" readable_bench.py "${readable_args[@]}"
bench "verdicts that follow the signatures: opens during --rescan-outdated" outdated_bench.py "${outdated_args[@]}"
bench "requests during a restart: bound vs inherited socket" restart_bench.py "${restart_args[@]}"
bench "engines: libclamav vs clamd over a unix socket vs two clamd over TCP" \
  clamd_backend_bench.py "${engine_args[@]}"
