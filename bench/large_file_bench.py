#!/usr/bin/env python3
"""Issue 13's benchmark: one multi-gigabyte file scanned by scannedonlyd
while small files are requested, against libclamav's own single-thread scan
of the same file (cl_scandesc with its size limits lifted, as clamscan
--max-filesize=0 --max-scansize=0 does), same signatures, same run.

Reports the daemon's peak RSS above what it held with the engine loaded,
small-file p99 (request -> verdict) while the large file is in flight
against idle, and the large file's MB/s against libclamav's raw rate. The
file is random data with the EICAR string in its last bytes, so a verdict
of "infected" proves the whole file was read."""
import argparse
import ctypes
import ctypes.util
import os
import time

import common
from common import env  # noqa: F401  (puts the harness on sys.path)
from daemon_bench import daemon_args, latencies
from gen_corpus import Generator
from gen_signatures import write_database
from harness.daemon import ScannedonlyDaemon
from harness.signatures import EICAR
from verdict_watch import VerdictWatch

CHUNK = 64 << 20


def write_large_file(path, size, seed):
    """Random (incompressible, as ISO images and videos are) content ending
    in the EICAR string."""
    rng = Generator(seed).rng
    with open(path, "wb") as f:
        left = size - len(EICAR)
        while left:
            n = min(CHUNK, left)
            f.write(rng.randbytes(n))
            left -= n
        f.write(EICAR)
    return path


class ScanOptions(ctypes.Structure):
    _fields_ = [(name, ctypes.c_uint32) for name in ("general", "parse", "heuristic", "mail",
                                                     "dev")]


def libclamav_raw_seconds(db, path):
    """cl_scandesc of the whole file on this thread, limits lifted; returns
    the scan's seconds and the virus it found."""
    lib = ctypes.CDLL(ctypes.util.find_library("clamav"))
    lib.cl_engine_new.restype = ctypes.c_void_p
    lib.cl_strerror.restype = ctypes.c_char_p
    lib.cl_engine_set_num.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_longlong]
    lib.cl_load.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_uint),
                            ctypes.c_uint]
    lib.cl_engine_compile.argtypes = lib.cl_engine_free.argtypes = [ctypes.c_void_p]
    lib.cl_scandesc.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_char_p),
                                ctypes.POINTER(ctypes.c_ulong), ctypes.c_void_p,
                                ctypes.POINTER(ScanOptions)]
    if lib.cl_init(0) != 0:
        raise RuntimeError("cl_init failed")
    engine = lib.cl_engine_new()
    # CL_ENGINE_MAX_SCANSIZE, CL_ENGINE_MAX_FILESIZE and CL_ENGINE_MAX_SCANTIME
    # (libclamav stops a scan after 120 s by default): 0, no limit.
    for field in (0, 1, 31):
        lib.cl_engine_set_num(engine, field, 0)
    signatures = ctypes.c_uint(0)
    if lib.cl_load(str(db).encode(), engine, ctypes.byref(signatures), 0x2 | 0x8 | 0x2000) or \
            lib.cl_engine_compile(engine):
        raise RuntimeError("loading the signatures failed")
    # As the daemon's (daemon/engine.cpp): every parser, heuristics, limit alerts.
    options = ScanOptions(general=0x4, parse=0xFFFFFFFF, heuristic=0x4)
    virus, scanned = ctypes.c_char_p(), ctypes.c_ulong(0)
    fd = os.open(path, os.O_RDONLY)
    try:
        start = time.monotonic()
        rc = lib.cl_scandesc(fd, str(path).encode(), ctypes.byref(virus), ctypes.byref(scanned),
                             engine, ctypes.byref(options))
        seconds = time.monotonic() - start
        found = (virus.value or b"").decode()  # points into the engine
    finally:
        os.close(fd)
        lib.cl_engine_free(engine)
    if rc != 1 or not found.startswith("Eicar"):  # the EICAR string at the end was reached
        raise RuntimeError(f"libclamav: expected EICAR, got {lib.cl_strerror(rc).decode()} "
                           f"{found}")
    return seconds, found


def run(workdir, args):
    db = write_database(workdir / "db")
    gen = Generator(args.seed)
    root = workdir / "share"
    large = write_large_file((root / "large").mkdir(parents=True) or root / "large" / "disk.iso",
                             args.size_mib << 20, args.seed)
    idle = gen.small_files(root / "idle", args.latency_files, high=16 << 10)
    loaded = gen.small_files(root / "loaded", args.latency_files * 4, high=16 << 10)
    common.settle(args.settle)
    raw_seconds, raw_virus = libclamav_raw_seconds(db, large)

    with ScannedonlyDaemon(workdir / "daemon", scanroots=[root], database=db,
                           extra_args=daemon_args(args, 100_000)) as daemon, \
            VerdictWatch(sorted({p.parent for p in idle + loaded + [large]})) as watch:
        pid = daemon.process.proc.pid
        # Idle samples before and after, so load from elsewhere hits both alike.
        idle_samples = latencies(daemon, watch, idle[:len(idle) // 2], pace=args.pace)
        engine_rss, _ = common.memory_kib(pid)
        start = time.monotonic()
        daemon.request(large)
        loaded_samples = latencies(daemon, watch, loaded, pace=args.pace,
                                   busy=lambda: large not in watch.verdicts)
        seconds = watch.wait_for([large], timeout=3600) - start
        _, peak = common.memory_kib(pid)
        verdict = watch.verdicts[large][1]
        idle_samples += latencies(daemon, watch, idle[len(idle) // 2:], pace=args.pace)
    if verdict != ".virus:":
        raise RuntimeError(f"scannedonlyd: expected the file renamed to .virus:, got {verdict}")
    report(args, raw_seconds, raw_virus, seconds, engine_rss, peak, idle_samples, loaded_samples)


def report(args, raw_seconds, raw_virus, seconds, engine_rss, peak, idle, loaded):
    size = args.size_mib << 20
    raw_rate, rate = size / raw_seconds / 1e6, size / seconds / 1e6
    p99_idle, p99_loaded = (common.percentile(s, 99) * 1000 for s in (idle, loaded))
    print(common.table(
        ["measure", "scannedonlyd", "peer", "ratio", "target"],
        [[f"{args.size_mib} MiB file, MB/s", f"{rate:.0f}", f"{raw_rate:.0f} (libclamav "
          "cl_scandesc, one thread)", f"{rate / raw_rate:.2f}x", ">= 0.90x"],
         ["peak RSS above the loaded engine, MiB", f"{(peak - engine_rss) / 1024:.0f}",
          f"engine {engine_rss / 1024:.0f} MiB", "", "<= 256"],
         ["small-file p99 while it is scanned, ms", f"{p99_loaded:.1f}",
          f"{p99_idle:.1f} (idle)", f"{p99_loaded / p99_idle:.2f}x", "<= 1.50x"]]))
    print(f"\nsmall files: {len(idle)} idle, {len(loaded)} while the large file was in flight; "
          f"both found {raw_virus or 'the virus'} at the end of the file")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size-mib", type=int, default=3072, help="the large file (default 3 GiB)")
    parser.add_argument("--latency-files", type=int, default=200,
                        help="idle small-file requests (4 times as many are ready while loaded)")
    parser.add_argument("--pace", type=float, default=0.05,
                        help="seconds between small-file requests, as users open files "
                             "(default 0.05: 20 a second)")
    parser.add_argument("--threads", type=int, default=4, help="scannedonlyd's --maxthreads")
    parser.add_argument("--large-threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--settle", type=float, default=common.default_settle_seconds())
    common.add_workdir_arguments(parser)
    common.run_in_workdir("scannedonly-large-", parser.parse_args(), run)


if __name__ == "__main__":
    main()
