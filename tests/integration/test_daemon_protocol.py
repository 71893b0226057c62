"""Malformed datagrams are counted and ignored with rate-limited log lines;
nothing a sender writes crashes the daemon or bypasses the checks."""
import re
import socket

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.verdicts import marker_path, wait_for_marker


@pytest.fixture
def daemon(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--time", "100ms"]) as d:
        yield d


def malformed_count(daemon):
    counts = re.findall(r"notice: status .*malformed=(\d+)", daemon.log_text())
    return int(counts[-1]) if counts else -1


def test_each_kind_of_malformed_line_is_refused_and_counted(daemon, share):
    good = share / "good.txt"
    good.write_text("fine\n")
    victim = share / "victim.txt"
    victim.write_text("fine too\n")
    bad = [
        b"relative/path.txt\n",
        str(victim).encode() + b"\x00hidden\n",
        b"/" + b"a" * 5000 + b"\n",
        str(share).encode() + b"/../share/victim.txt\n",
        str(share).encode() + b"/\xff\xfe.txt\n",
        str(victim).encode(),  # no trailing newline: truncated
    ]
    for datagram in bad:
        daemon.send(datagram)
    daemon.request(good)
    wait_for_marker(good)
    wait_until(lambda: malformed_count(daemon) == len(bad), 10, what="malformed=6")
    assert not marker_path(victim).exists()
    log = daemon.log_text()
    for reason in ("not absolute", "NUL byte", "longer than PATH_MAX", "not canonical",
                   "not valid UTF-8", "truncated"):
        assert reason in log
    assert daemon.process.alive()


def test_a_flood_of_garbage_is_logged_at_a_bounded_rate(daemon, share):
    for i in range(200):
        daemon.send(b"garbage %d\n" % i)
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.sendto(b"x" * 200000, str(daemon.socket_path))  # larger than any request
    good = share / "after-the-flood.txt"
    good.write_text("fine\n")
    daemon.request(good)
    wait_for_marker(good)
    wait_until(lambda: malformed_count(daemon) == 201, 10, what="malformed=201")
    lines = [l for l in daemon.log_text().splitlines()
             if "malformed request ignored" in l or "oversized datagram" in l]
    assert 1 <= len(lines) <= 10
    # Each kind of complaint has its own budget: garbage does not hide this.
    outside = share.parent / "outside.txt"
    daemon.request(outside)
    daemon.process.wait_for_log("request outside the scan roots ignored: " + str(outside))


def test_newline_in_a_name_cannot_smuggle_another_path(daemon, share):
    """A file named "x\\n/etc/passwd" splits into two lines; neither is the
    file, so it stays unscanned (and unreachable through the share)."""
    odd = share / "x\n"
    odd.write_text("odd\n")
    daemon.send(str(odd).encode() + b"\n")
    daemon.process.wait_for_log(f"skipped file of {share / 'x'}: No such file")
    assert not (share / ".scanned:x\n").exists()


def test_marked_lines_are_scanned_and_bad_marks_rejected_per_line(daemon, share):
    """Every valid mark scans exactly its path; an unknown or doubled mark
    rejects only its line and scans nothing in its place."""
    marked = {mark: share / f"{mark}.txt" for mark in ("open", "normal", "bulk")}
    for path in marked.values():
        path.write_text("fine\n")
    victim = share / "victim.txt"
    victim.write_text("fine too\n")
    daemon.send(f"urgent:{victim}\nopen:open:{victim}\nOpen:{victim}\n".encode()
                + "".join(f"{m}:{p}\n" for m, p in marked.items()).encode())
    for path in marked.values():
        wait_for_marker(path)
    wait_until(lambda: malformed_count(daemon) == 3, 10, what="malformed=3")
    assert not marker_path(victim).exists()
    assert "unknown priority mark" in daemon.log_text()
