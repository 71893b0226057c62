#!/usr/bin/env python3
"""Issue 15's second benchmark: verdicts that follow the signatures. A share
of 20,000 small files, all scanned; then a signature update, after which
every marker is outdated.

  before   100 opens of scanned files through smbd and the module
           (smbclient `get`, timed from its start to its exit, connection
           included), with nothing else running
  during   100 opens of other files while `scannedonly_prescan
           --rescan-outdated --wait` sends the whole tree at bulk priority;
           the module (outdated_markers = rescan, the default) serves each
           and asks for its rescan ahead of the prescan's backlog

Reported: open latency p50/p99 during against before, opens denied, and the
time from the update until every marker carries the new stamp. Needs root
and Samba's MODULESDIR (hold the integration tests' lock)."""
import argparse
import os
import random
import signal
import subprocess
import time

import common
from common import env
from daemon_bench import daemon_args
from gen_corpus import Generator
from gen_signatures import write_database
from harness.daemon import ScannedonlyDaemon
from harness.samba import SmbServer
from harness.vfs import module_share
from priority_bench import smb_get


def prescan(daemon, root, *extra):
    argv = [env.PRESCAN, "--wait", "--max-pending", "5000",
            "-s", str(daemon.socket_path), "--signature-stamp-file", str(daemon.stamp_path),
            *extra, str(root)]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process, what):
    out, err = process.communicate(timeout=3600)
    if process.returncode != 0:
        raise RuntimeError(f"{what} failed ({process.returncode}): {err}")
    return err.strip()


def update_signatures(daemon):
    """A harmless new signature, as freshclam installs it, then a reload."""
    before = daemon.stamp()
    staged = daemon.database / "update.ndb.tmp"
    staged.write_text("Scannedonly.Bench.Update:0:*:5363616e6e65646f6e6c79\n")
    staged.rename(daemon.database / "update.ndb")
    daemon.process.signal(signal.SIGUSR2)
    deadline = time.monotonic() + 120
    while daemon.stamp() == before:
        if time.monotonic() > deadline:
            raise TimeoutError("no new signature stamp")
        time.sleep(0.05)


def stamped(files, stamp):
    return sum(1 for f in files
               if os.lstat(f.parent / f".scanned:{f.name}").st_atime_ns // 10**9 == stamp)


def row(name, samples, before_p99):
    seconds = [t for t, _ in samples]
    p99 = common.percentile(seconds, 99)
    return [name, len(seconds), f"{common.percentile(seconds, 50) * 1e3:.1f}",
            f"{p99 * 1e3:.1f}", f"{p99 / before_p99:.2f}x", sum(1 for _, d in samples if d)]


def run(workdir, args):
    db = write_database(workdir / "db", args.seed)
    root = workdir / "share"
    files = Generator(args.seed).small_files(root, args.files, low=256, high=16 << 10,
                                             per_dir=500)
    picks = random.Random(args.seed).sample(files, 2 * args.opens)
    common.settle(args.settle)
    env.install_vfs_module()
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[root], database=db,
                           extra_args=daemon_args(args, args.files + 1000)) as daemon:
        print(f"initial scan: {finished(prescan(daemon, root), 'the initial prescan')}\n")
        share = module_share(root, socketname=daemon.socket_path,
                             signature_stamp_file=daemon.stamp_path)
        with SmbServer(workdir / "smbd", {"s": share}) as smbd:
            before = [smb_get(smbd, root, p) for p in picks[:args.opens]]
            updated = time.monotonic()
            update_signatures(daemon)
            rescan = prescan(daemon, root, "--rescan-outdated")
            during = [smb_get(smbd, root, p) for p in picks[args.opens:]]
            summary = finished(rescan, "--rescan-outdated")
            whole_tree = time.monotonic() - updated
        current = stamped(files, daemon.stamp())
    before_p99 = common.percentile([t for t, _ in before], 99)
    print(common.table(["opens", "samples", "p50 ms", "p99 ms", "p99 / before p99", "denied"],
                       [row("before the update", before, before_p99),
                        row("during --rescan-outdated", during, before_p99)]))
    print(f"\n--rescan-outdated: {summary}")
    print(f"whole tree under the new stamp {whole_tree:.1f} s after the update "
          f"({args.files / whole_tree:.0f} files/s); markers with the new stamp: "
          f"{current}/{len(files)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--opens", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2, help="scannedonlyd's --maxthreads")
    parser.add_argument("--large-threads", type=int, default=1)
    parser.add_argument("--settle", type=float, default=common.default_settle_seconds())
    parser.add_argument("--seed", type=int, default=16)
    args = common.parse_daemon_bench_arguments(parser)
    common.run_in_workdir("scannedonly-outdated-bench-", args, run)


if __name__ == "__main__":
    main()
