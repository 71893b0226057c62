"""Verdicts follow the signatures: a file scanned clean before a signature
update that detects it is found once the update is loaded, as
scannedonly:outdated_markers says: rescan (served, then rescanned ahead of
bulk work), wait (never served on the old verdict) or ignore."""
import os
import signal

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.samba import SmbServer
from harness.verdicts import SCANNED, VIRUS, marker_path, wait_for_marker
from harness.vfs import get, listing, module_share

CONTENT = b"scannedonly outdated-marker test: clean until the update\n" * 4
NAME = "Scannedonly.Test.Updated"
HARMLESS = b"harmless " * 20
WARNING = "report.doc.VIRUS-WARNING.txt"


@pytest.fixture
def daemon(workdir, share_dir):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share_dir]) as d:
        yield d


def scanned_clean(daemon, path, content=CONTENT):
    path.write_bytes(content)
    daemon.request(path)
    wait_for_marker(path, SCANNED)
    marker = marker_path(path, SCANNED)
    assert marker.stat().st_atime_ns // 1_000_000_000 == daemon.stamp()
    return marker


def update_signatures(daemon):
    """As freshclam does, then a reload; returns once the daemon published
    the new stamp, so the next verdicts are the new signatures'."""
    before = daemon.stamp()
    staged = daemon.database / "update.ndb.tmp"
    staged.write_text(f"{NAME}:0:*:{CONTENT[:40].hex()}\n")
    staged.rename(daemon.database / "update.ndb")
    daemon.process.signal(signal.SIGUSR2)
    wait_until(lambda: daemon.stamp() != before, 30, what="a new signature stamp")


def serve(workdir, share_dir, daemon, **options):
    return SmbServer(workdir / "smbd", {"s": module_share(
        share_dir, socketname=daemon.socket_path, signature_stamp_file=daemon.stamp_path,
        **options)})


def stats(daemon):
    lines = daemon.control("STATS").splitlines()
    return dict(line.split(" ", 1) for line in lines if line.count(" ") == 1)


def test_a_marker_carries_the_stamp_the_daemon_publishes(workdir, share_dir, daemon):
    scanned_clean(daemon, share_dir / "a.txt")
    text = daemon.stamp_path.read_text()
    assert f"stamp {daemon.stamp()}\n" in text
    assert stats(daemon)["signature_stamp"] == str(daemon.stamp())
    update_signatures(daemon)
    assert "update.ndb sha256:" in daemon.stamp_path.read_text()


def test_rescan_serves_the_old_verdict_and_rescans_in_the_background(
        workdir, share_dir, vfs_module, daemon):
    letter = share_dir / "letter.txt"
    scanned_clean(daemon, letter, HARMLESS)
    update_signatures(daemon)
    with serve(workdir, share_dir, daemon) as smbd:
        result = get(smbd, "s", "letter.txt", workdir / "got")
        assert result.returncode == 0, result.stdout + result.stderr
        daemon.process.wait_for_log(f"queued (rescan): {letter}", timeout=10)
        wait_until(lambda: marker_path(letter, SCANNED).stat().st_atime_ns // 1_000_000_000
                   == daemon.stamp(), 10, what="the marker's new stamp")
    figures = stats(daemon)
    assert figures["outdated_seen"] == "1" and figures["outdated_rescanned"] == "1"


def test_rescan_finds_a_file_the_new_signatures_detect(workdir, share_dir, vfs_module, daemon):
    """Its next open queues it; the old content may go out only until the
    new verdict lands, which reads after it see (the handle guarantee)."""
    target = share_dir / "report.doc"
    scanned_clean(daemon, target)
    update_signatures(daemon)
    with serve(workdir, share_dir, daemon) as smbd:
        get(smbd, "s", "report.doc", workdir / "got")
        daemon.process.wait_for_log(f"queued (rescan): {target}", timeout=10)
        wait_for_marker(target, VIRUS)
        assert NAME in daemon.virus_log.read_text()
        wait_for_marker(share_dir / WARNING)
        assert WARNING in listing(smbd, "s")


def test_listed_outdated_files_are_shown_and_rescanned(workdir, share_dir, vfs_module, daemon):
    target = share_dir / "report.doc"
    scanned_clean(daemon, target)
    update_signatures(daemon)
    with serve(workdir, share_dir, daemon) as smbd:
        assert "report.doc" in listing(smbd, "s")
        wait_for_marker(target, VIRUS)
        daemon.process.wait_for_log(f"queued (rescan): {target}", timeout=10)


def test_wait_never_serves_the_old_verdict(workdir, share_dir, vfs_module, daemon):
    target = share_dir / "report.doc"
    scanned_clean(daemon, target)
    update_signatures(daemon)
    with serve(workdir, share_dir, daemon, outdated_markers="wait") as smbd:
        result = get(smbd, "s", "report.doc", workdir / "got")
        assert result.returncode != 0, result.stdout
        assert not (workdir / "got").exists()
        daemon.process.wait_for_log(f"queued (open): {target}", timeout=10)
        wait_for_marker(target, VIRUS)
        wait_for_marker(share_dir / WARNING)


def test_wait_serves_a_clean_file_once_rescanned(workdir, share_dir, vfs_module, daemon):
    target = share_dir / "letter.txt"
    scanned_clean(daemon, target, HARMLESS)
    old_marker = marker_path(target, SCANNED).stat()
    update_signatures(daemon)
    with serve(workdir, share_dir, daemon, outdated_markers="wait") as smbd:
        result = get(smbd, "s", "letter.txt", workdir / "got")
        assert result.returncode == 0, result.stdout + result.stderr
        new_marker = marker_path(target, SCANNED).stat()
        assert new_marker.st_ctime_ns > old_marker.st_ctime_ns
        assert new_marker.st_atime_ns // 1_000_000_000 == daemon.stamp()


def test_ignore_keeps_serving_and_asks_for_nothing(workdir, share_dir, vfs_module, daemon):
    target = share_dir / "report.doc"
    scanned_clean(daemon, target)
    update_signatures(daemon)
    with serve(workdir, share_dir, daemon, outdated_markers="ignore") as smbd:
        assert "report.doc" in listing(smbd, "s")
        result = get(smbd, "s", "report.doc", workdir / "got")
        assert result.returncode == 0, result.stdout + result.stderr
        # A later request is handled: the daemon has seen all there was.
        probe = share_dir / "probe.txt"
        probe.write_text("probe\n")
        daemon.request(probe)
        wait_for_marker(probe, SCANNED)
    assert target.exists() and not marker_path(target, VIRUS).exists()
    after_reload = daemon.log_text().split("signature database reloaded", 1)[1]
    assert f"{target}" not in after_reload
    assert stats(daemon)["outdated_seen"] == "0"
