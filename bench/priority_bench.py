#!/usr/bin/env python3
"""Issue 15's benchmark: does a waiting user go first? One scannedonlyd with
the benchmark signatures; each scenario sends what the VFS module sends.

  idle      50 opens of new small files, one at a time, nothing else queued
  priority  a listing of 5,000 unscanned small files (unmarked datagrams of
            <= 1450 bytes, as the module's), then the same 50 opens of other
            new files, one at a time, each marked open as the module marks
            an open that waits
  fifo      the same listing and opens, the opens unmarked: the order every
            request had before priorities

Each open is timed from its request to its verdict's marker (inotify), which
the module's open sees at its next recheck (every recheck_time_open, 50 ms).
An open whose verdict takes longer than the module's default budget
(recheck_tries_open x recheck_time_open = 5 s) would be denied. The opens go
straight to the daemon's socket, not through smbd: the queue is measured,
not smbd's own cost. Between scenarios the listing backlog drains."""
import argparse
import pathlib
import time

import common
from common import env
from daemon_bench import daemon_args, send_paths
from gen_corpus import Generator
from gen_signatures import write_database
from harness.daemon import ScannedonlyDaemon
from verdict_watch import VerdictWatch

OPEN_BUDGET_S = 100 * 0.050  # the module's default recheck_tries_open x recheck_time_open
SCENARIOS = ("idle", "priority", "fifo")


def opens(daemon, watch, paths, mark):
    """Request -> verdict for each path, one at a time."""
    samples = []
    for path in paths:
        start = time.monotonic()
        send_paths(daemon, [path], mark)
        samples.append(watch.wait_for([path], timeout=300) - start)
    return samples


def scenario(daemon, watch, name, listing, opened):
    if name == "idle":
        return opens(daemon, watch, opened, "open:")
    send_paths(daemon, listing)
    samples = opens(daemon, watch, opened, "" if name == "fifo" else "open:")
    watch.wait_for(listing, timeout=600)
    return samples


def make_files(root, args):
    gen = Generator(args.seed)
    files = {}
    for r in range(args.rounds):
        for name in SCENARIOS:
            listing = gen.small_files(root / f"{name}{r}-list", args.list_files, low=256,
                                      high=4 << 10, per_dir=args.list_files)
            opened = gen.small_files(root / f"{name}{r}-open", args.opens, low=1 << 10,
                                     high=64 << 10, per_dir=args.opens)
            files[r, name] = (listing, opened)
    return files


def report(samples):
    idle_p99 = common.percentile(samples["idle"], 99)
    rows = []
    for name in SCENARIOS:
        s = samples[name]
        p99 = common.percentile(s, 99)
        rows.append([name, len(s), f"{common.percentile(s, 50) * 1e3:.1f}",
                     f"{p99 * 1e3:.1f}", f"{max(s) * 1e3:.1f}", f"{p99 / idle_p99:.2f}x",
                     sum(1 for x in s if x > OPEN_BUDGET_S)])
    print(common.table(["opens", "samples", "p50 ms", "p99 ms", "max ms", "p99 / idle p99",
                        f"over {OPEN_BUDGET_S:.0f} s (denied)"], rows))
    print(f"\npriority p99 / idle p99: "
          f"{common.percentile(samples['priority'], 99) / idle_p99:.2f}x (target <= 2.00x)")


def run(workdir, args):
    db = write_database(workdir / "db", args.seed)
    root = workdir / "share"
    files = make_files(root, args)
    common.settle(args.settle)
    samples = {name: [] for name in SCENARIOS}
    dirs = sorted({p.parent for pair in files.values() for group in pair for p in group})
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[root], database=db,
                           extra_args=daemon_args(args, 4 * args.list_files)) as daemon, \
            VerdictWatch(dirs) as watch:
        for r in range(args.rounds):
            # Rotated each round, so no scenario always follows the same one.
            for name in SCENARIOS[r % 3:] + SCENARIOS[:r % 3]:
                samples[name] += scenario(daemon, watch, name, *files[r, name])
    report(samples)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2, help="scannedonlyd's --maxthreads")
    parser.add_argument("--large-threads", type=int, default=1)
    parser.add_argument("--list-files", type=int, default=5000)
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--settle", type=float, default=common.default_settle_seconds())
    parser.add_argument("--seed", type=int, default=15)
    common.add_workdir_arguments(parser)
    args = parser.parse_args()
    if not pathlib.Path(env.DAEMON).exists():
        parser.error(f"no scannedonlyd at {env.DAEMON}: build first")
    common.run_in_workdir("scannedonly-priority-bench-", args, run)


if __name__ == "__main__":
    main()
