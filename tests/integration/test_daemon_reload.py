"""Signature reloads (SIGUSR2, or a changed database directory) swap in a
new engine in the background without losing requests; SIGHUP reopens logs."""
import signal

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.signatures import write_eicar
from harness.verdicts import VIRUS, wait_for_marker

NEW_CONTENT = b"scannedonly reload test: detected only after the reload\n"
NEW_NAME = "Scannedonly.Test.Reloaded"


@pytest.fixture
def share(workdir):
    path = workdir / "share"
    path.mkdir()
    return path


def add_signature(database):
    (database / "reload.ndb").write_text(f"{NEW_NAME}:0:*:{NEW_CONTENT.hex()}\n")


def test_sigusr2_reloads_new_signatures_without_losing_requests(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        add_signature(d.database)
        files = []
        for i in range(300):
            f = share / f"doc{i:03}.txt"
            f.write_text(f"document {i}\n")
            files.append(f)
        for batch in range(0, 300, 30):
            d.request(*files[batch:batch + 30])
            if batch in (60, 150, 240):
                d.process.signal(signal.SIGUSR2)
        d.wait_for_notify("RELOADING=1", 30)
        d.wait_for_notify("READY=1", 30)
        for f in files:
            wait_for_marker(f, timeout=30)
        d.process.wait_for_log("signature database reloaded", timeout=30)
        target = share / "new-threat.bin"
        target.write_bytes(NEW_CONTENT)
        d.request(target)
        wait_for_marker(target, VIRUS)
        assert NEW_NAME in d.virus_log.read_text()


def test_changed_database_directory_is_reloaded_on_its_own(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--database-check-interval", "200ms"]) as d:
        add_signature(d.database)
        d.process.wait_for_log("signature database changed, reloading", timeout=20)
        d.process.wait_for_log("signature database reloaded", timeout=20)
        target = share / "new-threat.bin"
        target.write_bytes(NEW_CONTENT)
        d.request(target)
        wait_for_marker(target, VIRUS)


def test_broken_database_keeps_the_old_engine(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        (d.database / "broken.ndb").write_text("this is not a signature\n")
        d.process.signal(signal.SIGUSR2)
        d.process.wait_for_log("reload failed, still scanning with the old database", timeout=20)
        infected = write_eicar(share / "e.com")
        d.request(infected)
        wait_for_marker(infected, VIRUS)


def test_sighup_reopens_the_virus_log(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        first = write_eicar(share / "first.com")
        d.request(first)
        wait_until(lambda: d.virus_log.exists() and "first.com" in d.virus_log.read_text(),
                   20, what="first virus log line")
        rotated = d.virus_log.with_name("virus.log.1")
        d.virus_log.rename(rotated)
        d.process.signal(signal.SIGHUP)
        d.process.wait_for_log("logs reopened")
        second = write_eicar(share / "second.com")
        d.request(second)
        wait_until(lambda: d.virus_log.exists() and "second.com" in d.virus_log.read_text(),
                   20, what="second virus log line in the new file")
        assert "second.com" not in rotated.read_text()


def test_sigterm_exits_cleanly_and_removes_pid_file(workdir, share):
    d = ScannedonlyDaemon(workdir / "daemon", scanroots=[share])
    with d:
        pid_file = d.workdir / "scannedonlyd.pid"
        assert pid_file.read_text().strip() == str(d.process.proc.pid)
        d.process.signal(signal.SIGTERM)
        d.wait_for_notify("STOPPING=1", 10)
        d.process.proc.wait(10)
    assert d.process.proc.returncode == 0
    assert not pid_file.exists()
