#!/usr/bin/env python3
"""Issue 4's benchmark: what a share costs with scannedonly, against the
same share without it and with Samba's vfs_virusfilter, in one run.

One smbd serves three shares of identical, generated content:
  plain        no VFS module
  scannedonly  vfs objects = scannedonly; every file already scanned (its
               root-owned .scanned: marker is newer than the file), as after
               the daemon or scannedonly_prescan has run
  virusfilter  vfs objects = virusfilter, scanning on open with a
               harness-started clamd holding the same signatures
Operations go through smbclient on loopback: listing a directory of 10,000
files and reading 1,000 small files. Each smbclient run is a new connection,
hence a new smbd process: virusfilter's per-process scan cache starts cold,
so every virusfilter read is a first read. Rounds alternate the shares so
noise from elsewhere on the machine hits all alike; medians are reported."""
import argparse
import os
import pathlib
import re
import shutil
import statistics
import time

import common
from common import env
from harness import vfs
from gen_corpus import Generator
from gen_signatures import write_database
from harness.clamd import Clamd
from harness.samba import SmbServer
from harness.signatures import write_eicar

SHARES = ("plain", "scannedonly", "virusfilter")
# An `ls` line of a real, non-empty file. A "NAME is being scanned"
# placeholder has spaces in its name and size 0, so it does not count.
LISTED_FILE = re.compile(r"^\s+file\S+\s+[A-Z]*\s+[1-9]\d*\s", re.M)


def make_content(root, seed, list_count, read_count):
    """One directory of list_count files to list, one of read_count to read."""
    gen = Generator(seed)
    listed = gen.small_files(root / "list", list_count, low=256, high=4 << 10,
                             per_dir=list_count)
    read = gen.small_files(root / "read", read_count, low=1 << 10, high=64 << 10,
                           per_dir=read_count)
    return listed, read


def mark_scanned(paths):
    """Each file's marker as the daemon writes it (harness.vfs.mark_scanned).
    Timestamps tick coarsely: wait one tick past the newest file first, so
    no marker has to wait for the next."""
    time.sleep(0.05)
    for path in paths:
        vfs.mark_scanned(path)


def share_options(workdir, clamd):
    base = {"read only": "yes", "guest ok": "yes"}
    return {
        "plain": dict(base, path=workdir / "plain"),
        "scannedonly": dict(base, path=workdir / "scannedonly",
                            **{"vfs objects": "scannedonly",
                               # Nothing needs scanning; requests would go here.
                               "scannedonly:socketname": workdir / "no-daemon.sock"}),
        # Same directory as plain: virusfilter changes nothing on disk here.
        "virusfilter": dict(base, path=workdir / "plain",
                            **{"vfs objects": "virusfilter",
                               "virusfilter:scanner": "clamav",
                               "virusfilter:socket path": clamd.socket_path}),
    }


def timed(smbd, share, command):
    start = time.monotonic()
    result = smbd.smbclient(share, command, timeout=600, check=True)
    return time.monotonic() - start, result.stdout


def list_files(smbd, share, expected):
    """Every file must show: a file hidden as unscanned would make the share
    look fast."""
    seconds, out = timed(smbd, share, "cd list/d000; ls")
    listed = len(LISTED_FILE.findall(out))
    if listed != expected:
        raise RuntimeError(f"{share}: listed {listed} of {expected} files")
    return seconds


def read_files(smbd, share, outdir, expected):
    """Fetches every file of the read directory in one connection."""
    outdir.mkdir()
    seconds, _ = timed(smbd, share, f"prompt off; lcd {outdir}; cd read/d000; mget *")
    got = sum(1 for p in outdir.iterdir() if p.name.startswith("file"))
    shutil.rmtree(outdir)
    if got != expected:
        raise RuntimeError(f"{share}: read {got} of {expected} files")
    return seconds


def check_filters_work(smbd, workdir):
    """Both filtering shares must refuse what they exist to refuse, or the
    comparison would time a module that does nothing: virusfilter an EICAR
    file, scannedonly a file without a marker."""
    write_eicar(workdir / "plain" / "probe.com")
    (workdir / "scannedonly" / "probe.com").write_text("not scanned\n")
    try:
        for share in ("virusfilter", "scannedonly"):
            result = smbd.smbclient(share, f"get probe.com {workdir / 'probe.out'}")
            if result.returncode == 0:
                raise RuntimeError(f"{share} served a file it must refuse")
    finally:
        (workdir / "plain" / "probe.com").unlink()
        (workdir / "scannedonly" / "probe.com").unlink()


def measure(smbd, workdir, args):
    times = {(share, op): [] for share in SHARES for op in ("list", "read")}
    for r in range(args.rounds):
        for share in SHARES:
            times[share, "list"].append(list_files(smbd, share, args.list_files))
            times[share, "read"].append(read_files(smbd, share, workdir / f"out-{share}-{r}",
                                                   args.read_files))
    return {key: statistics.median(values) for key, values in times.items()}


def report(medians, args):
    rows = []
    for op, what in (("list", f"list {args.list_files} files"),
                     ("read", f"read {args.read_files} files")):
        plain = medians["plain", op]
        rows.append([what] + [f"{medians[s, op]:.3f} s ({medians[s, op] / plain:.2f}x)"
                              for s in SHARES])
    print(common.table(["median of %d rounds" % args.rounds] + list(SHARES), rows))
    first_reads = medians["virusfilter", "read"] / medians["scannedonly", "read"]
    print(f"\nfirst reads, virusfilter / scannedonly: {first_reads:.2f}x")
    print("targets: scannedonly <= 1.10x plain for both; virusfilter first reads "
          "far slower than scannedonly")


def run(workdir, args):
    db = write_database(workdir / "db", args.seed)
    for share in ("plain", "scannedonly"):
        listed, read = make_content(workdir / share, args.seed, args.list_files,
                                    args.read_files)
    mark_scanned(listed + read)
    os.sync()  # no writeback of the fresh content during the measurements
    with Clamd(workdir / "clamd", db) as clamd, \
            SmbServer(workdir / "smbd", share_options(workdir, clamd), debug_level=0) as smbd:
        check_filters_work(smbd, workdir)
        medians = measure(smbd, workdir, args)
    report(medians, args)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--list-files", type=int, default=10_000)
    parser.add_argument("--read-files", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1)
    common.add_workdir_arguments(parser)
    args = parser.parse_args()
    if not pathlib.Path(env.VFS_MODULE).exists():
        parser.error(f"no module at {env.VFS_MODULE}: build first (bench/run.sh does)")
    env.install_vfs_module()
    os.umask(0o022)  # smbd serves the guest user (nobody): files must be readable
    common.run_in_workdir("scannedonly-share-bench-", args, run)


if __name__ == "__main__":
    main()
