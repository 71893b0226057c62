#!/usr/bin/env bash
# README's test command: the whole suite on every supported Debian and Samba,
# each in a fresh root that starts from Debian's minimal system (so a missing
# install step fails here, not on a user's server), and the Samba upgrade
# path. Needs root, mmdebstrap (installed if missing) and the Debian archive.
#
#   scripts/test-debian.sh              bookworm, trixie and upgrade
#   scripts/test-debian.sh trixie ...   only the runs named
#
#   bookworm  scripts/test.sh in Debian 12 (Samba 4.17)
#   trixie    scripts/test.sh in Debian 13 (Samba 4.22)
#   upgrade   tests/upgrade/run.sh in Debian 12: samba 4.17 -> 4.22 through apt
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=("$@")
((${#runs[@]})) || runs=(bookworm trixie upgrade)

in_root() {  # suite command...
  local suite=$1; shift
  "$root/scripts/debian-root.sh" run "$suite" -- env SCANNEDONLY_IN_TEST_ROOT=1 "$@"
}

passed=0 failed=0 summary=()
for run in "${runs[@]}"; do
  start=$SECONDS
  echo "=== test-debian: $run"
  case $run in
    # smbtorture's results table per Samba version, for docs/smbtorture.md.
    bookworm|trixie) in_root "$run" env SCANNEDONLY_SMBTORTURE_REPORT="/src/build-reports/smbtorture-$run.md" \
                       /src/scripts/test.sh ;;
    upgrade) in_root bookworm /src/tests/upgrade/run.sh ;;
    *) echo "test-debian: unknown run '$run' (bookworm, trixie, upgrade)" >&2; false ;;
  esac
  status=$?
  if ((status == 0)); then verdict=passed; ((passed++)); else verdict="FAILED ($status)"; ((failed++)); fi
  summary+=("$(printf '%-9s %s in %d s' "$run" "$verdict" $((SECONDS - start)))")
done

echo "=== test-debian: summary"
printf '  %s\n' "${summary[@]}"
echo "debian roots: $passed passed, $failed failed"
((failed == 0))
