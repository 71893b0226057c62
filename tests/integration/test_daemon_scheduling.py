"""Scheduling in the real daemon: the large-file lane never delays small
files, the queue is bounded and merges duplicates, and status lines report
what happened."""
import os
import pathlib
import re
import time

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.verdicts import marker_path, wait_for_marker

LARGE_LIMITS = ["--max-filesize", "1G", "--max-scansize", "1G"]


def large_file(path, size=200 << 20):
    """A sparse file: created at once, yet seconds of scanning."""
    with open(path, "wb") as f:
        f.truncate(size)
    return path


def status_lines(daemon):
    return [dict(re.findall(r"(\w+)=([\d.]+)", line))
            for line in daemon.log_text().splitlines() if "notice: status " in line]


def wait_for_status(daemon, predicate, timeout=20):
    return wait_until(lambda: next((s for s in status_lines(daemon) if predicate(s)), None),
                      timeout, what="status line")


def test_small_files_are_not_delayed_by_large_ones(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "4", "--maxlargethreads", "1",
                                       "--big", "5M", "--time", "100ms"] + LARGE_LIMITS) as d:
        bigs = [large_file(share / f"big{i}.iso") for i in range(2)]
        d.request(*bigs)
        wait_for_status(d, lambda s: s["large_active"] == "1" and s["large_queued"] == "1")
        smalls = []
        for i in range(50):
            small = share / f"small{i:02}.txt"
            small.write_text(f"small file {i}\n")
            smalls.append(small)
        start = time.monotonic()
        d.request(*smalls)
        for small in smalls:
            wait_for_marker(small, timeout=10)
        elapsed = time.monotonic() - start
        assert elapsed < 5, f"50 small files took {elapsed:.1f}s behind large ones"
        assert not marker_path(bigs[1]).exists(), "the second large file was not held back"
        for big in bigs:
            wait_for_marker(big, timeout=60)
        assert all(s["large_active"] in ("0", "1") for s in status_lines(d))


def test_large_file_starts_ahead_of_a_backlog_of_small_ones(workdir, share):
    """A request joins its lane on arrival: one thread, 2000 small files
    queued before a large one, and the large one still starts while nearly
    all of them wait."""
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "1", "--maxlargethreads", "1",
                                       "--big", "5M", "--time", "100ms"] + LARGE_LIMITS) as d:
        smalls = []
        for i in range(2000):
            small = share / f"small{i:04}.txt"
            small.write_text(f"small file {i}\n")
            smalls.append(small)
        big = large_file(share / "big.iso")
        for i in range(0, len(smalls), 20):  # datagrams of the module's size
            d.request(*smalls[i:i + 20])
        d.request(big)
        wait_for_status(d, lambda s: s["large_active"] == "1" and int(s["small_queued"]) > 1500)
        wait_for_marker(big, timeout=60)
        for small in smalls:
            wait_for_marker(small, timeout=30)


def test_open_request_overtakes_a_bulk_backlog(workdir, share):
    """One thread, 2000 small files sent at bulk priority as prescan sends
    them, then, once the status line shows them waiting, open requests for
    a new file and for the backlog's last file (raised, not queued twice):
    both are scanned while most of the backlog still waits."""
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "1", "--time", "100ms"]) as d:
        waiting = share / "opened.txt"
        waiting.write_text("a client waits on this\n")
        bulk = []
        for i in range(2000):
            small = share / f"bulk{i:04}.bin"
            # Random bytes take libclamav long enough (as real files do) for
            # a backlog to build even on tmpfs, where text is gone at once.
            small.write_bytes(os.urandom(32 << 10))
            bulk.append(small)
        for i in range(0, len(bulk), 20):
            d.send("".join(f"bulk:{p}\n" for p in bulk[i:i + 20]).encode())
        wait_for_status(d, lambda s: int(s["bulk_queued"]) > 1500)
        d.send(f"open:{waiting}\nopen:{bulk[-1]}\n".encode())
        wait_for_marker(waiting, timeout=30)
        wait_for_marker(bulk[-1], timeout=30)
        done_before = sum(marker_path(p).exists() for p in bulk[:-1])
        # In FIFO order at least the 1500 seen waiting would come first.
        assert done_before < 1000, f"{done_before} bulk files were scanned before the opens"
        for small in bulk:
            wait_for_marker(small, timeout=120)


def cpus_allowed(pid):
    """Each thread's CPU affinity, from /proc: {tid: set of CPUs}."""
    result = {}
    for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
        text = (task / "status").read_text()
        ranges = re.search(r"^Cpus_allowed_list:\s*(\S+)", text, re.M).group(1)
        cpus = set()
        for part in ranges.split(","):
            low, _, high = part.partition("-")
            cpus.update(range(int(low), int(high or low) + 1))
        result[int(task.name)] = cpus
    return result


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="needs at least 2 CPUs")
def test_large_scan_keeps_a_cpu_of_its_own(workdir, share):
    """While a large file is scanned, its thread keeps one CPU and the
    threads that receive requests and scan small files keep off it; after
    the verdict every thread may use every CPU again."""
    every_cpu = os.sched_getaffinity(0)
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "2", "--maxlargethreads", "1",
                                       "--big", "5M", "--time", "100ms"] + LARGE_LIMITS) as d:
        pid = d.process.proc.pid
        assert all(cpus == every_cpu for cpus in cpus_allowed(pid).values())
        big = large_file(share / "big.iso")
        d.request(big)
        wait_for_status(d, lambda s: s["large_active"] == "1")
        threads = cpus_allowed(pid)
        kept = every_cpu - threads[pid]  # pid: the thread receiving requests
        assert len(kept) == 1, threads
        large = [t for t, cpus in threads.items() if cpus == kept]
        assert len(large) == 1, threads  # the large scan's thread, alone there
        small_side = [t for t, cpus in threads.items() if cpus == every_cpu - kept]
        assert len(small_side) == 2, threads  # the receiving thread and the small-file one
        small = share / "small.txt"
        small.write_text("small file\n")
        d.request(small)
        wait_for_marker(small, timeout=10)
        assert not marker_path(big).exists(), "the large file was done too soon to look"
        wait_for_marker(big, timeout=120)
        wait_until(lambda: all(cpus == every_cpu for cpus in cpus_allowed(pid).values()),
                   10, what="every thread back on every CPU")


def test_requests_are_served_while_nobody_reads_the_status(workdir, share):
    """sd_notify blocks while NOTIFY_SOCKET is full; the status lines go
    out from a thread of their own, so requests are still received."""
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--time", "10ms"]) as d:
        d.pause_notifications()
        time.sleep(0.5)  # 50 status lines: the socket holds 10
        smalls = []
        for i in range(20):
            small = share / f"small{i:02}.txt"
            small.write_text(f"small file {i}\n")
            smalls.append(small)
            d.request(small)
        for small in smalls:
            wait_for_marker(small, timeout=10)
        d.pause_notifications(False)


def test_a_file_written_during_its_scans_is_retried_after_a_pause(workdir, share):
    """Each scan of a file that keeps changing is wasted: the next waits at
    least a second instead of starting at once, and once the writing stops
    the retry marks it."""
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "1", "--time", "100ms"]) as d:
        growing = large_file(share / "upload.iso", 20 << 20)  # well under a second per scan
        d.request(growing)
        d.process.wait_for_log("scanning: " + str(growing))
        deadline = time.monotonic() + 3
        with open(growing, "ab") as f:
            while time.monotonic() < deadline:
                f.write(b"more data\n")
                f.flush()
                time.sleep(0.01)
        scans = d.log_text().count("scanning: " + str(growing))
        assert 2 <= scans <= 4, f"{scans} scans in 3 s of writing"
        wait_for_status(d, lambda s: s["retry_later"] == "1")
        wait_for_marker(growing, timeout=10)
        assert os.lstat(marker_path(growing)).st_ctime_ns > os.stat(growing).st_ctime_ns


def test_full_queue_drops_and_counts_and_duplicates_merge(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "1", "--queuelen", "5",
                                       "--time", "100ms"] + LARGE_LIMITS) as d:
        big = large_file(share / "blocker.bin")
        d.request(big)
        wait_for_status(d, lambda s: s["large_active"] == "1")
        same = share / "same.txt"
        same.write_text("asked for ten times\n")
        d.request(*[same] * 10)
        others = [share / f"other{i:02}.txt" for i in range(20)]
        for other in others:
            other.write_text("x\n")
        d.request(*others)
        # same.txt + 4 others fit; 16 others are dropped.
        wait_for_status(d, lambda s: s["dropped"] == "16" and s["small_queued"] == "5")
        assert d.log_text().count("already queued: " + str(same)) == 9
        assert "queue full, request dropped" in d.log_text()
        wait_for_marker(big, timeout=60)
        wait_for_marker(same)
        for other in others[:4]:
            wait_for_marker(other)
        assert not any(marker_path(o).exists() for o in others[4:])
        assert d.process.alive()


def test_status_line_reports_every_figure(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--time", "100ms"]) as d:
        f = share / "a.txt"
        f.write_text("a\n")
        d.request(f)
        wait_for_marker(f)
        line = wait_for_status(d, lambda s: s["scanned"] == "1")
        assert set(line) == {"small_queued", "large_queued", "open_queued", "normal_queued",
                             "rescan_queued", "bulk_queued", "small_active", "large_active",
                             "scanned", "clean", "infected", "failed", "exceeded", "dropped",
                             "malformed", "ignored", "outdated_seen", "outdated_rescanned",
                             "retry_later", "files_per_s", "mb_per_s"}
        assert line["clean"] == "1" and line["infected"] == "0"


def test_excluded_paths_are_never_scanned(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--exclude", r"\.iso$", "-e", "^/never/"]) as d:
        iso = share / "disk.iso"
        iso.write_text("not scanned\n")
        keep = share / "disk.iso.txt"
        keep.write_text("scanned\n")
        d.request(iso, keep)
        wait_for_marker(keep)
        d.process.wait_for_log("excluded: " + str(iso))
        assert not marker_path(iso).exists()
