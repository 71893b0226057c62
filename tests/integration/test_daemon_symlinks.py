"""The daemon runs as root in directories users can write: symlinks and
swapped directories must never make it scan, rename or mark anything
outside the share, and a file that changes during its scan is not marked."""
import os

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.signatures import write_eicar
from harness.verdicts import VIRUS, marker_path, wait_for_marker


@pytest.fixture
def outside(workdir):
    path = workdir / "outside"
    path.mkdir()
    return path


@pytest.fixture
def daemon(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--max-filesize", "1G", "--max-scansize", "1G"]) as d:
        yield d


@pytest.fixture
def one_thread_daemon(workdir, share):
    """For requests the daemon drops without a word: with one scanning
    thread, a later request's verdict proves the earlier one handled."""
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "1"]) as d:
        yield d


def snapshot(directory):
    """Names and (inode, ctime) of everything in a directory."""
    return {e.name: (e.inode(), e.stat(follow_symlinks=False).st_ctime_ns)
            for e in os.scandir(directory)}


def sentinel(daemon, share, name="sentinel.txt"):
    """A request sent after the attack; once it is marked, the attack's
    request has been handled, but only with one scanning thread
    (one_thread_daemon): with more, a sentinel proves nothing. Absence
    is otherwise asserted after the daemon's log line for that request."""
    path = share / name
    path.write_text("sentinel\n")
    daemon.request(path)
    wait_for_marker(path)


def test_symlink_to_a_file_outside_is_never_scanned_renamed_or_marked(daemon, share, outside):
    secret = write_eicar(outside / "shadow")
    before = snapshot(outside)
    (share / "innocent.txt").symlink_to(secret)
    daemon.request(share / "innocent.txt")
    daemon.process.wait_for_log("refused file of " + str(share / "innocent.txt"))
    assert snapshot(outside) == before
    assert secret.exists()
    assert not os.path.lexists(marker_path(share / "innocent.txt"))
    assert not os.path.lexists(marker_path(share / "innocent.txt", VIRUS))


def test_symlinked_directory_is_not_traversed(daemon, share, outside):
    infected = write_eicar(outside / "payload.com")
    before = snapshot(outside)
    (share / "docs").symlink_to(outside, target_is_directory=True)
    daemon.request(share / "docs" / "payload.com")
    daemon.process.wait_for_log("refused directory of " + str(share / "docs" / "payload.com"))
    assert snapshot(outside) == before
    assert infected.exists()


def test_symlinked_scan_root_component_deeper_down_is_refused(daemon, share, outside):
    (outside / "deep").mkdir()
    clean = outside / "deep" / "file.txt"
    clean.write_text("outside\n")
    (share / "a").mkdir()
    (share / "a" / "b").symlink_to(outside / "deep", target_is_directory=True)
    daemon.request(share / "a" / "b" / "file.txt")
    daemon.process.wait_for_log("refused directory of " + str(share / "a" / "b" / "file.txt"))
    assert not marker_path(clean).exists()


def test_marker_name_planted_as_symlink_does_not_touch_its_target(daemon, share, outside):
    victim = outside / "victim.conf"
    victim.write_text("precious\n")
    before = snapshot(outside)
    clean = share / "clean.txt"
    clean.write_text("clean\n")
    marker_path(clean).symlink_to(victim)
    daemon.request(clean)
    wait_until(lambda: marker_path(clean).is_file() and not marker_path(clean).is_symlink(),
               20, what="marker replacing the planted symlink")
    assert snapshot(outside) == before
    assert victim.read_text() == "precious\n"


def test_warning_name_planted_as_symlink_is_not_written_through(daemon, share, outside):
    victim = outside / "victim.conf"
    victim.write_text("precious\n")
    before = snapshot(outside)
    infected = write_eicar(share / "x.com")
    (share / "x.com.VIRUS-WARNING.txt").symlink_to(victim)
    daemon.request(infected)
    daemon.process.wait_for_log("cannot write the virus warning for " + str(infected), 20)
    assert snapshot(outside) == before
    assert victim.read_text() == "precious\n"
    assert (share / "x.com.VIRUS-WARNING.txt").is_symlink()


def test_virus_name_planted_as_symlink_is_not_replaced(daemon, share, outside):
    victim = outside / "victim.conf"
    victim.write_text("precious\n")
    infected = write_eicar(share / "y.com")
    marker_path(infected, VIRUS).symlink_to(victim)
    daemon.request(infected)
    wait_until(lambda: (share / ".virus:y.com.1").is_file(), 20, what=".virus:y.com.1")
    assert marker_path(infected, VIRUS).is_symlink()
    assert victim.read_text() == "precious\n"


def test_directory_swapped_for_a_symlink_mid_scan_gains_nothing(daemon, share, outside):
    """The verdict goes through the directory fd opened before the swap, so
    it lands in the original directory, never in the symlink's target."""
    (share / "sub").mkdir()
    big = share / "sub" / "big.bin"
    with open(big, "wb") as f:
        f.truncate(200 << 20)  # a few seconds of scanning
    decoy = outside / "big.bin"
    decoy.write_bytes(b"decoy\n")
    before = snapshot(outside)
    daemon.request(big)
    daemon.process.wait_for_log("scanning: " + str(big))  # opened, so what follows is mid-scan
    os.rename(share / "sub", share / "sub.old")
    (share / "sub").symlink_to(outside, target_is_directory=True)
    assert "clean: " + str(big) not in daemon.log_text(), "scan ended before the swap"
    daemon.process.wait_for_log("clean: " + str(big), timeout=60)
    assert marker_path(share / "sub.old" / "big.bin").is_file()
    assert snapshot(outside) == before


def test_file_changed_during_its_scan_is_not_marked_then_rescanned(daemon, share):
    big = share / "growing.bin"
    with open(big, "wb") as f:
        f.truncate(200 << 20)
    daemon.request(big)
    daemon.process.wait_for_log("scanning: " + str(big))  # opened, so what follows is mid-scan
    with open(big, "ab") as f:
        f.write(b"appended while the daemon scans\n")
    # Not just " ms: PATH": the timestamp granule's wait before the scan logs that too.
    daemon.process.wait_for_log("changed while scanning, queued again in", timeout=60)
    wait_for_marker(big, timeout=60)
    assert os.lstat(marker_path(big)).st_ctime_ns > os.stat(big).st_ctime_ns


def test_fifo_does_not_block_a_scanning_thread(one_thread_daemon, share):
    os.mkfifo(share / "pipe")
    one_thread_daemon.request(share / "pipe")
    sentinel(one_thread_daemon, share)
    assert not marker_path(share / "pipe").exists()


def test_requests_outside_the_scan_roots_are_ignored_and_logged(daemon, share, outside):
    clean = outside / "elsewhere.txt"
    clean.write_text("not ours\n")
    daemon.request(clean)
    daemon.process.wait_for_log("request outside the scan roots ignored: " + str(clean))
    assert not marker_path(clean).exists()


def test_prefix_sibling_of_a_scan_root_is_outside(daemon, share, workdir):
    sibling = workdir / (share.name + "2")
    sibling.mkdir()
    clean = sibling / "file.txt"
    clean.write_text("sibling\n")
    daemon.request(clean)
    daemon.process.wait_for_log("request outside the scan roots ignored: " + str(clean))
    assert not marker_path(clean).exists()


def test_reserved_names_are_never_scanned(one_thread_daemon, share):
    planted = share / ".scanned:ghost"
    planted.write_text("not a marker\n")
    one_thread_daemon.request(planted)
    sentinel(one_thread_daemon, share)
    assert not (share / ".scanned:.scanned:ghost").exists()


def test_missing_scan_root_is_reported(workdir, share):
    gone = workdir / "unmounted"
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share, gone]) as d:
        d.request(gone / "file.txt")
        d.process.wait_for_log(f"warning: cannot open scan root {gone}: No such file")
        sentinel(d, share)
