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
(recheck_tries_open x recheck_time_open = 5 s) would be denied. These opens
go straight to the daemon's socket: the queue is measured, not smbd's cost.

With --smbd, idle and priority run once more through smbd and the module
(installed into Samba's MODULESDIR: hold the integration tests' lock): the
listing is an smbclient `ls`, each open an smbclient `get`, timed from
smbclient's start to its exit, connection included. FIFO cannot be driven
through the module, which always marks its waiting opens.
Between scenarios the listing backlog drains."""
import argparse
import time

import common
from common import env
from daemon_bench import daemon_args, send_paths
from gen_corpus import Generator
from gen_signatures import write_database
from harness.daemon import ScannedonlyDaemon
from harness.samba import SmbServer
from harness.vfs import module_share
from verdict_watch import VerdictWatch

OPEN_BUDGET_S = 100 * 0.050  # the module's default recheck_tries_open x recheck_time_open
SCENARIOS = ("idle", "priority", "fifo")
SMBD_SCENARIOS = ("idle (smbd)", "priority (smbd)")


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


def smb_get(smbd, root, path):
    """Seconds for one smbclient get, and whether the open was denied."""
    start = time.monotonic()
    result = smbd.smbclient("s", f'get "{path.relative_to(root)}" /dev/null', timeout=120)
    return time.monotonic() - start, result.returncode != 0


def smbd_scenario(smbd, watch, root, name, listing, opened, backlog):
    if name.startswith("priority"):
        smbd.smbclient("s", f'cd "{listing[0].parent.relative_to(root)}"; ls', timeout=600,
                       check=True)
        watch.poll()
        backlog.append(sum(1 for p in listing if p not in watch.verdicts))
    samples = [smb_get(smbd, root, p) for p in opened]
    if name.startswith("priority"):
        wait_for_listing(watch, listing)
    return samples


def wait_for_listing(watch, listing):
    """The module never blocks smbd: a listing's datagram that finds the
    daemon's socket full (net.unix.max_dgram_qlen) is lost, and its files
    wait for the next listing. Those are reported, not waited for."""
    try:
        watch.wait_for(listing, timeout=60)
    except TimeoutError as error:
        print(f"listing requests lost by the module: {error}\n")


def make_files(root, args):
    gen = Generator(args.seed)
    files = {}
    for r in range(args.rounds):
        for name in SCENARIOS + (SMBD_SCENARIOS if args.smbd else ()):
            listing = gen.small_files(root / f"{name}{r}-list", args.list_files, low=256,
                                      high=4 << 10, per_dir=args.list_files)
            opened = gen.small_files(root / f"{name}{r}-open", args.opens, low=1 << 10,
                                     high=64 << 10, per_dir=args.opens)
            files[r, name] = (listing, opened)
    return files


def row(name, seconds, idle_p99, denied):
    p99 = common.percentile(seconds, 99)
    return [name, len(seconds), f"{common.percentile(seconds, 50) * 1e3:.1f}",
            f"{p99 * 1e3:.1f}", f"{max(seconds) * 1e3:.1f}", f"{p99 / idle_p99:.2f}x", denied]


def report(samples, smbd_samples):
    idle_p99 = common.percentile(samples["idle"], 99)
    rows = [row(name, samples[name], idle_p99, sum(1 for x in samples[name] if x > OPEN_BUDGET_S))
            for name in SCENARIOS]
    if smbd_samples:
        smbd_idle_p99 = common.percentile([t for t, _ in smbd_samples[SMBD_SCENARIOS[0]]], 99)
        rows += [row(name, [t for t, _ in smbd_samples[name]], smbd_idle_p99,
                     sum(1 for _, denied in smbd_samples[name] if denied))
                 for name in SMBD_SCENARIOS]
    print(common.table(["opens", "samples", "p50 ms", "p99 ms", "max ms", "p99 / idle p99",
                        f"denied (datagrams: over {OPEN_BUDGET_S:.0f} s)"], rows))
    print(f"\npriority p99 / idle p99: "
          f"{common.percentile(samples['priority'], 99) / idle_p99:.2f}x (target <= 2.00x)")
    if smbd_samples:
        print(f"through smbd: {rows[-1][5]} (target <= 2.00x)")


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
        smbd_samples = through_smbd(workdir, daemon, watch, root, files, args)
    report(samples, smbd_samples)


def through_smbd(workdir, daemon, watch, root, files, args):
    if not args.smbd:
        return {}
    env.install_vfs_module()
    share = module_share(root, socketname=daemon.socket_path, recheck_tries_readdir="0")
    samples = {name: [] for name in SMBD_SCENARIOS}
    backlog = []
    with SmbServer(workdir / "smbd", {"s": share}) as smbd:
        for r in range(args.rounds):
            for name in SMBD_SCENARIOS:
                samples[name] += smbd_scenario(smbd, watch, root, name, *files[r, name], backlog)
    print(f"listing files still unscanned when the smbd opens began: {backlog}\n")
    return samples


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=2, help="scannedonlyd's --maxthreads")
    parser.add_argument("--large-threads", type=int, default=1)
    parser.add_argument("--list-files", type=int, default=5000)
    parser.add_argument("--opens", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--settle", type=float, default=common.default_settle_seconds())
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--smbd", action="store_true",
                        help="also idle and priority through smbd and the module")
    args = common.parse_daemon_bench_arguments(parser)
    common.run_in_workdir("scannedonly-priority-bench-", args, run)


if __name__ == "__main__":
    main()
