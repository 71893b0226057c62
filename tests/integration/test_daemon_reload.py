"""Signature reloads (SIGUSR2, or a changed database directory) swap in a
new engine in the background without losing requests; SIGHUP reopens logs."""
import itertools
import os
import signal


from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.signatures import write_eicar, write_test_database
from harness.verdicts import SCANNED, VIRUS, marker_path, wait_for_marker

NEW_CONTENT = b"scannedonly reload test: detected only after the reload\n"
NEW_NAME = "Scannedonly.Test.Reloaded"


def add_signature(database):
    """As freshclam installs a database: written under a name libclamav
    ignores, then renamed into place, so no reload reads it half written."""
    staged = database / "reload.ndb.tmp"
    staged.write_text(f"{NEW_NAME}:0:*:{NEW_CONTENT.hex()}\n")
    staged.rename(database / "reload.ndb")


def new_threat_found(d, share, names=itertools.count()):
    """Scans a fresh file with NEW_CONTENT; True when it was found infected."""
    target = share / f"new-threat-{next(names)}.bin"
    target.write_bytes(NEW_CONTENT)
    d.request(target)
    wait_until(lambda: marker_path(target, SCANNED).exists() or
               marker_path(target, VIRUS).exists(), 20, what=f"a verdict on {target}")
    return marker_path(target, VIRUS).exists()


def watching_daemon(workdir, share, database):
    return ScannedonlyDaemon(workdir / "daemon", scanroots=[share], database=database,
                             extra_args=["--database-check-interval", "200ms"])


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
    # The file appears right after READY=1: the state it is compared with
    # must have been taken before then, not whenever the reload thread runs.
    with watching_daemon(workdir, share, write_test_database(workdir / "db")) as d:
        add_signature(d.database)
        d.process.wait_for_log("signature database changed, reloading", timeout=20)
        d.process.wait_for_log("signature database reloaded", timeout=20)
        target = share / "new-threat.bin"
        target.write_bytes(NEW_CONTENT)
        d.request(target)
        wait_for_marker(target, VIRUS)


def test_database_file_rewritten_with_the_same_mtime_is_reloaded(workdir, share):
    """libclamav's own check compares whole-second mtimes, which a file
    rewritten within the second it was read (half written, say) keeps."""
    database = write_test_database(workdir / "db")
    local = database / "local.ndb"
    local.write_text(f"Scannedonly.Test.Placeholder:0:*:{b'placeholder'.hex()}\n")
    before = local.stat()
    with watching_daemon(workdir, share, database) as d:
        local.write_text(f"{NEW_NAME}:0:*:{NEW_CONTENT.hex()}\n")
        os.utime(local, ns=(before.st_atime_ns, before.st_mtime_ns))
        d.process.wait_for_log("signature database changed, reloading", timeout=20)
        # An intermediate reload may have read the file half written; the
        # finished file must be noticed as well.
        wait_until(lambda: new_threat_found(d, share), 60, interval=0.2,
                   what="the rewritten signature in use")


def test_removed_database_file_is_unloaded(workdir, share):
    database = write_test_database(workdir / "db")
    add_signature(database)
    with watching_daemon(workdir, share, database) as d:
        assert new_threat_found(d, share)
        (database / "reload.ndb").unlink()
        d.process.wait_for_log("signature database changed, reloading", timeout=20)
        wait_until(lambda: not new_threat_found(d, share), 60, interval=0.2,
                   what="the removed signature out of use")


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
