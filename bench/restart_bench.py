#!/usr/bin/env python3
"""Issue 16's benchmark: how many scan requests survive a daemon restart,
with the request socket the daemon binds itself (scannedonlyd.service alone)
and with one systemd passes it (scannedonlyd.socket), in one run.

A sender sends one request per datagram at a steady rate, as the VFS module
sends one per file a client closes or opens, and like the module's sender:
non-blocking, a send that fails is lost (the module never blocks smbd), and
the socket is dropped after an error and connected again at the next send.
While it sends, daemon A gets SIGTERM and, once it has exited, daemon B
starts and loads the benchmark signatures, as `systemctl restart` does.

  bound      each daemon binds and, on exit, removes the socket itself
  inherited  the benchmark binds the socket once, as systemd does, and passes
             it to both daemons (LISTEN_FDS=1, LISTEN_PID, descriptor 3)

Counted: requests sent during the restart (from A's SIGTERM to B's READY),
those of them refused at once by the kernel, and files with a verdict once
B has scanned everything it received. A unix datagram socket holds at most
net.unix.max_dgram_qlen unread datagrams: systemd sets 512 at boot
(sysctl.d/50-default.conf), the kernel's default is 10. The benchmark runs
in a network namespace of its own with --max-dgram-qlen (default 512), so
the host's setting is left alone."""
import argparse
import os
import pathlib
import socket
import sys
import threading
import time

import common
from gen_corpus import Generator
from gen_signatures import write_database
from harness.activation import bound_socket
from harness.daemon import ScannedonlyDaemon
from verdict_watch import VerdictWatch

MODES = ("bound", "inherited")
QLEN = pathlib.Path("/proc/sys/net/unix/max_dgram_qlen")


class ModuleSender:
    """core/notify_sender.cpp's behaviour, for one datagram at a time."""

    def __init__(self, path):
        self.path = str(path)
        self.sock = None

    def send(self, payload):
        try:
            if self.sock is None:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                self.sock.setblocking(False)
                self.sock.connect(self.path)
            self.sock.send(payload)
            return True
        except OSError:
            self.sock.close()
            self.sock = None
            return False


def send_steadily(path, files, interval, sent):
    """Appends (monotonic time, delivered) per file to sent."""
    sender = ModuleSender(path)
    start = time.monotonic()
    for i, f in enumerate(files):
        time.sleep(max(0.0, start + i * interval - time.monotonic()))
        sent.append((time.monotonic(), sender.send(f"{f}\n".encode())))


def wait_until_quiet(watch, files, quiet):
    """Until every file has a verdict, or none came for `quiet` seconds: the
    requests lost in the restart never get one."""
    seen = -1
    while len(watch.verdicts) != seen:
        seen = len(watch.verdicts)
        try:
            watch.wait_for(files, timeout=quiet)
            return
        except TimeoutError:
            pass


def restart_once(workdir, db, share, files, mode, args):
    passed = bound_socket(workdir / f"{mode}.sock") if mode == "inherited" else None
    daemon = lambda name: ScannedonlyDaemon(  # noqa: E731
        workdir / f"{mode}-{name}", scanroots=[share], database=db, inherited_socket=passed,
        extra_args=["--loglevel", "1", "--maxthreads", str(args.threads)])
    first = daemon("a")
    if passed is None:
        first.socket_path = workdir / f"{mode}.sock"
    watch = VerdictWatch(sorted({f.parent for f in files}))
    first.start()
    sent = []
    sender = threading.Thread(target=send_steadily,
                              args=(first.socket_path, files, args.interval_ms / 1e3, sent))
    sender.start()
    time.sleep(args.lead)
    stopped = time.monotonic()
    first.stop()
    second = daemon("b")
    second.socket_path = first.socket_path
    second.start(timeout=300)
    ready = time.monotonic()
    sender.join()
    with watch:
        wait_until_quiet(watch, files, args.quiet)
        second.stop()
        if passed:
            passed.close()
        scanned = set(watch.verdicts)
    during = [(f, ok) for f, (t, ok) in zip(files, sent) if stopped <= t < ready]
    return {"mode": mode, "restart_s": ready - stopped, "sent": len(sent),
            "during": len(during), "refused": sum(1 for _, ok in during if not ok),
            "during_scanned": sum(1 for f, _ in during if f in scanned),
            "scanned": len(scanned)}


def report(results, args):
    rows = [[r["mode"], f"{r['restart_s']:.2f}", r["during"], r["refused"],
             f"{r['during_scanned']} ({r['during_scanned'] / max(1, r['during']):.0%})",
             f"{r['scanned']} of {r['sent']}"] for r in results]
    print(f"net.unix.max_dgram_qlen {QLEN.read_text().strip()}, one request every "
          f"{args.interval_ms} ms, {args.threads} scanning threads\n")
    print(common.table(["socket", "restart s (SIGTERM to READY)", "sent during restart",
                        "refused by the kernel", "of those scanned", "all scanned"], rows))


def run(workdir, args):
    db = write_database(workdir / "db", args.seed)
    share = workdir / "share"
    gen = Generator(args.seed)
    files = {mode: gen.small_files(share / mode, args.files, low=256, high=4 << 10)
             for mode in MODES}
    results = [restart_once(workdir, db, share, files[mode], mode, args) for mode in MODES]
    report(results, args)


def in_own_network_namespace(qlen):
    """Re-executes this script under `unshare --net` (net.unix.* is per
    network namespace) and sets the queue length there."""
    if os.environ.get("SCANNEDONLY_BENCH_NETNS") != "1":
        os.execvp("unshare", ["unshare", "--net", "--", "env", "SCANNEDONLY_BENCH_NETNS=1",
                              sys.executable, *sys.argv])
    QLEN.write_text(f"{qlen}\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=2000,
                        help="requests sent, one file each (default 2000)")
    parser.add_argument("--interval-ms", type=float, default=2.0,
                        help="between two requests (default 2 ms: 500 a second)")
    parser.add_argument("--lead", type=float, default=0.5,
                        help="seconds of sending before the restart begins (default 0.5)")
    parser.add_argument("--quiet", type=float, default=3,
                        help="after the restart, no verdict for this many seconds means "
                             "the rest were lost (default 3)")
    parser.add_argument("--threads", type=int, default=2, help="scannedonlyd's --maxthreads")
    parser.add_argument("--max-dgram-qlen", type=int, default=512,
                        help="net.unix.max_dgram_qlen to measure under, in a network "
                             "namespace of the benchmark's own; 0: the host's (default 512)")
    parser.add_argument("--seed", type=int, default=16)
    args = common.parse_daemon_bench_arguments(parser)
    if args.max_dgram_qlen:
        in_own_network_namespace(args.max_dgram_qlen)
    common.run_in_workdir("scannedonly-restart-bench-", args, run)


if __name__ == "__main__":
    main()
