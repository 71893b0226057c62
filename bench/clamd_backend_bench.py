#!/usr/bin/env python3
"""Issue 17's benchmark: scannedonlyd's engines on one corpus.

libclamav in scannedonlyd's own process, against Engine clamd with one
clamd over a unix socket (each file's descriptor passed, FILDES) and with
two clamd over loopback TCP (each file streamed, INSTREAM). Same corpus,
signatures and scanning threads as daemon_bench.py; each run on a copy of
its own with the page cache emptied. Reports files/s, MB/s, scannedonlyd's
peak RSS (and the clamd servers'), and each server's share of the scans."""
import argparse

import common
from daemon_bench import bench_scannedonlyd
from gen_corpus import write_corpus
from gen_signatures import write_database
from harness.clamd import Clamd
from harness.net import free_tcp_port

# The corpus' large files are 24 MiB; clamd's own default would refuse
# longer streams than 25 MiB on some versions.
STREAM_MAX = "StreamMaxLength 100M"


def server_scans(daemon):
    """STATS' server lines: {name: scans answered}."""
    return {line.split(" ")[1]: float(line.split(" ")[4])
            for line in daemon.control("STATS").splitlines() if line.startswith("server ")}


def run_mode(mode, workdir, db, corpus, files, args):
    common.drop_caches()
    nbytes = common.total_bytes(files)
    servers, engine_args = [], []
    try:
        if mode == "clamd, unix socket":
            servers.append(Clamd(workdir / "clamd", db, max_threads=args.threads).start())
            engine_args = ["--engine", "clamd", "--clamd-socket", str(servers[0].socket_path)]
        elif mode == "2 clamd, loopback TCP":
            for name in ("clamd1", "clamd2"):
                servers.append(Clamd(workdir / name, db, max_threads=args.threads,
                                     tcp_port=free_tcp_port(), settings=[STREAM_MAX]).start())
                engine_args += ["--clamd-tcp", f"127.0.0.1:{servers[-1].tcp_port}"]
            engine_args = ["--engine", "clamd"] + engine_args
        result = bench_scannedonlyd(workdir, db, corpus, files, nbytes, args, engine_args,
                                    after=server_scans)
        result["clamd_peak_mib"] = sum(common.memory_kib(s.pid)[1] for s in servers) / 1024
        result["mode"] = mode
        return result
    finally:
        for s in servers:
            s.stop()


def report(results):
    rows = []
    for r in sorted(results, key=lambda r: (r["round"], MODES.index(r["mode"]))):
        scans = r["after"]
        share = " / ".join(f"{v / sum(scans.values()):.0%}" for v in scans.values()) \
            if len(scans) > 1 else "-"
        rows.append([r["mode"], r["round"] + 1, r["files"], f"{r['seconds']:.2f}", f"{r['files_s']:.0f}",
                     f"{r['mb_s']:.1f}", f"{r['peak_mib']:.0f}",
                     f"{r['clamd_peak_mib']:.0f}" if r["clamd_peak_mib"] else "-", share])
    print(common.table(["engine", "round", "files", "s", "files/s", "MB/s", "scannedonlyd peak RSS MiB",
                        "clamd peak RSS MiB", "share per server"], rows))
    medians = [f"{m}: {common.percentile([r['files_s'] for r in results if r['mode'] == m], 50):.0f}"
               for m in MODES]
    print("\nfiles/s, median of the rounds: " + "; ".join(medians))


MODES = ("libclamav in scannedonlyd", "clamd, unix socket", "2 clamd, loopback TCP")


def run(workdir, args):
    """Each round runs every engine, in an order rotated from round to
    round, so that no engine always follows the same one; every run has a
    corpus of its own, all written before one settle (as daemon_bench.py)."""
    db = write_database(workdir / "db", args.seed)
    runs = [(r, MODES[(i + r) % len(MODES)]) for r in range(args.rounds) for i in range(len(MODES))]
    corpora = {}
    for r, mode in runs:
        corpus = workdir / f"corpus{r}-{MODES.index(mode)}"
        corpora[r, mode] = (corpus, write_corpus(corpus, args.seed, args.small, args.archives,
                                                 args.large))
    common.settle(args.settle)
    results = []
    for r, mode in runs:
        results.append(run_mode(mode, workdir / f"run{r}-{MODES.index(mode)}", db,
                                *corpora[r, mode], args))
        results[-1]["round"] = r
    report(results)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=4,
                        help="scannedonlyd's --maxthreads and each clamd's MaxThreads")
    parser.add_argument("--large-threads", type=int, default=1)
    common.add_corpus_arguments(parser)
    parser.add_argument("--rounds", type=int, default=3)
    args = common.parse_daemon_bench_arguments(
        parser, "; its filesystem holds the corpus and the markers")
    common.run_in_workdir("scannedonly-clamd-bench-", args, run)


if __name__ == "__main__":
    main()
