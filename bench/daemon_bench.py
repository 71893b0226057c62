#!/usr/bin/env python3
"""Issue 3's benchmark: scannedonlyd against Debian's clamd, same run.

Both daemons get the same generated signature database, the same thread
count and the same corpus, each timed run on a copy of its own with the page
cache emptied; the two runs of a round follow each other at once, and their
ratio is the round's result. clamd is fed the way its own tools do it fastest:
`clamdscan --multiscan --fdpass`.
scannedonlyd is fed the way the VFS module and prescan do it: batched
datagrams of paths, with the verdict markers observed through inotify.
Then small-file latency (request -> marker) is measured one file at a time,
idle and while the large-file lane is busy."""
import argparse
import os
import socket
import time

import common
from gen_corpus import Generator, write_corpus
from gen_signatures import write_database
from harness.clamd import Clamd
from harness.daemon import ScannedonlyDaemon
from verdict_watch import VerdictWatch

BATCH_BYTES = 1450  # the module's datagram size (include/scannedonly/protocol.hpp)
BIG = 5 << 20       # scannedonlyd's default --big


def datagrams(paths, mark=""):
    """Newline-terminated paths packed into datagrams of <= BATCH_BYTES;
    mark: "" (normal, as the module's listings) or "open:", "bulk:"."""
    batch = b""
    for p in paths:
        line = f"{mark}{p}\n".encode()
        if batch and len(batch) + len(line) > BATCH_BYTES:
            yield batch
            batch = b""
        batch += line
    if batch:
        yield batch


def send_paths(daemon, paths, mark=""):
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        for payload in datagrams(paths, mark):
            s.sendto(payload, str(daemon.socket_path))


def throughput(name, files, nbytes, seconds, pid, cpu_before):
    _, peak = common.memory_kib(pid)
    return {"daemon": name, "files": len(files), "seconds": seconds,
            "files_s": len(files) / seconds, "mb_s": nbytes / seconds / 1e6,
            "cpu_s": common.cpu_seconds(pid) - cpu_before, "peak_mib": peak / 1024}


def bench_clamd(workdir, db, corpus, files, nbytes, threads):
    with Clamd(workdir / "clamd", db, max_threads=threads) as clamd:
        cpu = common.cpu_seconds(clamd.pid)
        start = time.monotonic()
        result = clamd.clamdscan(corpus)
        seconds = time.monotonic() - start
        if result.returncode != 1 or result.stdout.count("FOUND") != 2:
            raise RuntimeError(f"clamdscan: expected 2 infected files:\n{result.stdout}"
                               f"\n{result.stderr}")
        return throughput("clamd", files, nbytes, seconds, clamd.pid, cpu)


def daemon_args(args, queuelen):
    # libclamav's per-scan temporary files: on the filesystem under test, as clamd's.
    return ["--loglevel", "1", "--maxthreads", str(args.threads),
            "--maxlargethreads", str(args.large_threads), "--tmpdir", os.environ["TMPDIR"],
            "--big", f"{BIG >> 20}M", "--queuelen", str(queuelen)]


def bench_scannedonlyd(workdir, db, corpus, files, nbytes, args, engine_args=(), after=None):
    """engine_args: --engine and its servers (default: libclamav in the
    daemon); after(daemon) runs once every verdict is in, its result kept
    under "after"."""
    with ScannedonlyDaemon(workdir / "scannedonlyd", scanroots=[corpus], database=db,
                           extra_args=daemon_args(args, len(files) + 1000)
                           + list(engine_args)) as daemon, \
            VerdictWatch(sorted({p.parent for p in files})) as watch:
        pid = daemon.process.proc.pid
        small = [p for p in files if p.stat().st_size < BIG]
        cpu = common.cpu_seconds(pid)
        start = time.monotonic()
        send_paths(daemon, files)
        seconds = watch.wait_for(files, timeout=600) - start
        infected = sum(1 for _, prefix in watch.verdicts.values() if prefix != ".scanned:")
        if infected != 2:
            raise RuntimeError(f"scannedonlyd: expected 2 infected files, got {infected}")
        result = throughput("scannedonlyd", files, nbytes, seconds, pid, cpu)
        # When the last small file was done: the rest is the large lane's tail.
        result["small_done_s"] = watch.wait_for(small, timeout=0) - start
        if after:
            result["after"] = after(daemon)
        return result


def latencies(daemon, watch, paths, busy=lambda: True, pace=0.0):
    """Request -> verdict for each path, one at a time, each at least `pace`
    seconds after the one before. Only samples taken while busy() holds
    count."""
    samples = []
    for path in paths:
        if not busy():
            break
        start = time.monotonic()
        daemon.request(path)
        samples.append(watch.wait_for([path], timeout=30) - start)
        time.sleep(max(0.0, start + pace - time.monotonic()))
    return samples


def bench_latency(workdir, db, args, rounds=4):
    """Idle and loaded samples alternate in rounds, so load from elsewhere on
    the machine hits both alike. Each round puts one fresh large file in
    flight on the large lane; loaded samples stop when its verdict arrives."""
    root = workdir / "latency"
    gen = Generator(args.seed + 1)
    per_round = -(-args.latency_files // rounds)
    idle = [gen.small_files(root / f"idle{r}", per_round, high=16 << 10) for r in range(rounds)]
    loaded = [gen.small_files(root / f"loaded{r}", per_round, high=16 << 10)
              for r in range(rounds)]
    large = gen.large_files(root / "large", rounds, 32 << 20)
    common.settle(args.settle)
    samples = {"idle": [], "loaded": []}
    with ScannedonlyDaemon(workdir / "latency-daemon", scanroots=[root], database=db,
                           extra_args=daemon_args(args, 1000)) as daemon, \
            VerdictWatch(sorted({p.parent for p in sum(idle + loaded, large)})) as watch:
        for r in range(rounds):
            samples["idle"] += latencies(daemon, watch, idle[r])
            send_paths(daemon, [large[r]])
            samples["loaded"] += latencies(daemon, watch, loaded[r],
                                           busy=lambda: large[r] not in watch.verdicts)
            watch.wait_for([large[r]], timeout=300)
    return samples


def best(results):
    return max(results, key=lambda r: r["files_s"])


def report(clamd_runs, sod_runs, lat):
    ratios = [s["files_s"] / c["files_s"] for c, s in zip(clamd_runs, sod_runs)]
    rows = [[r["daemon"], i + 1, r["files"], f"{r['seconds']:.2f}",
             f"{r['small_done_s']:.2f}" if "small_done_s" in r else "-",
             f"{r['files_s']:.0f}", f"{r['mb_s']:.1f}", f"{r['cpu_s']:.1f}",
             f"{r['peak_mib']:.0f}", f"{ratios[i]:.2f}x" if r is pair[1] else ""]
            for i, pair in enumerate(zip(clamd_runs, sod_runs)) for r in pair]
    print(common.table(["daemon", "round", "files", "s", "small files done s", "files/s",
                        "MB/s", "CPU s", "peak RSS MiB", "round's ratio"], rows))
    best_ratio = best(sod_runs)["files_s"] / best(clamd_runs)["files_s"]
    print(f"\nthroughput ratio scannedonlyd/clamd, median of the rounds: "
          f"{common.percentile(ratios, 50):.2f}x (target >= 1.00x); "
          f"best round each: {best_ratio:.2f}x\n")
    rows = [[phase, len(lat[phase]), f"{common.percentile(lat[phase], 50) * 1e3:.1f}",
             f"{common.percentile(lat[phase], 99) * 1e3:.1f}"] for phase in ("idle", "loaded")]
    print(common.table(["small files", "samples", "p50 ms", "p99 ms"], rows))
    ratio = common.percentile(lat["loaded"], 99) / common.percentile(lat["idle"], 99)
    print(f"\nsmall-file p99 with a large file in flight / idle: {ratio:.2f}x "
          "(target <= 1.50x)")


def timed_run(workdir, db, args, r, name, corpus, files):
    """One daemon's pass over its own copy of the corpus (scannedonlyd
    leaves markers and renames the EICAR files), read from the disk."""
    common.drop_caches()
    nbytes = common.total_bytes(files)
    if name == "clamd":
        return bench_clamd(workdir / f"round{r}", db, corpus, files, nbytes, args.threads)
    return bench_scannedonlyd(workdir / f"round{r}", db, corpus, files, nbytes, args)


def round_orders(rounds):
    """clamd first in even rounds, scannedonlyd in odd ones: C S, S C, C S...
    Each daemon then follows either peer as often, so what a run leaves
    behind (page cache, deleted temporary directories) favours neither."""
    return [("clamd", "scannedonlyd") if r % 2 == 0 else ("scannedonlyd", "clamd")
            for r in range(rounds)]


def run(workdir, args):
    db = write_database(workdir / "db", args.seed)
    orders = round_orders(args.rounds)
    # Every run gets a corpus of its own, all written before one settle and
    # kept until the end: no run pays for files deleted before it (see
    # common.default_settle_seconds), and the two runs of a round follow
    # each other within seconds, so both meet the machine in the same state.
    corpora = {}
    for r, order in enumerate(orders):
        for name in order:
            corpus = workdir / f"corpus-{name}{r}"
            corpora[r, name] = (corpus, write_corpus(corpus, args.seed, args.small,
                                                     args.archives, args.large))
    common.settle(args.settle)
    runs = {"clamd": [], "scannedonlyd": []}
    for r, order in enumerate(orders):
        for name in order:
            runs[name].append(timed_run(workdir, db, args, r, name, *corpora[r, name]))
    lat = bench_latency(workdir, db, args)
    report(runs["clamd"], runs["scannedonlyd"], lat)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--large-threads", type=int, default=1,
                        help="scannedonlyd's --maxlargethreads (its default: 1)")
    common.add_corpus_arguments(parser)
    parser.add_argument("--latency-files", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=6)
    args = common.parse_daemon_bench_arguments(
        parser, "; its filesystem holds the corpus and the markers")
    common.run_in_workdir("scannedonly-bench-", args, run)


if __name__ == "__main__":
    main()
