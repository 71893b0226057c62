"""A configuration reload (SIGHUP, SIGUSR2 as systemctl reload sends it,
RELOAD) reads the file again: run-time settings take effect, settings bound
at start are logged as waiting for a restart, an invalid file is refused and
the running settings stay."""
import os
import signal
import time

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.signatures import write_eicar
from harness.verdicts import FAILED, SCANNED, VIRUS, marker_path, wait_for_marker


def configured_daemon(workdir, share, text=""):
    conf = workdir / "scannedonlyd.conf"
    conf.write_text(text)
    return conf, ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                                   extra_args=["--config", str(conf)])


def reload_with(d, conf, text, how=signal.SIGHUP, logged="configuration reloaded"):
    """Writes the file, reloads, and waits for the reload's own log line
    (counted, so an earlier reload's line does not answer for this one)."""
    before = d.log_text().count(logged)
    conf.write_text(text)
    if how == "RELOAD":
        assert d.control("RELOAD") == "RELOADING"
    else:
        d.process.signal(how)
    wait_for_count(d, logged, before + 1)


def wait_for_count(d, needle, count, timeout=20):
    wait_until(lambda: d.log_text().count(needle) >= count, timeout,
               what=f"{count} x {needle!r} in the daemon's log")


def excluded(d, share, name):
    """Requests `name`, then a sentinel; True when the daemon logged `name`
    as excluded and scanned the sentinel (so it handled both requests)."""
    target = share / name
    target.write_text("some text\n")
    sentinel = share / f"sentinel-{name}.txt"
    sentinel.write_text("other text\n")
    d.request(target, sentinel)
    wait_for_marker(sentinel, SCANNED)
    if f"excluded: {target}" in d.log_text():
        assert not marker_path(target, SCANNED).exists()
        return True
    wait_for_marker(target, SCANNED)
    return False


def test_sighup_applies_a_new_exclude(workdir, share):
    conf, daemon = configured_daemon(workdir, share)
    with daemon as d:
        assert not excluded(d, share, "before.iso")
        reload_with(d, conf, "ExcludePath \\.iso$\n")
        assert "configuration reloaded: Exclude changed" in d.log_text()
        assert excluded(d, share, "after.iso")
        assert "signature database reloaded" not in d.log_text()  # SIGHUP: no new engine


def test_settings_bound_at_start_are_logged_for_a_restart(workdir, share):
    conf, daemon = configured_daemon(workdir, share)
    with daemon as d:
        reload_with(d, conf, "MaxThreads 7\nMaxQueue 9\nExclude x\n")
        log = d.log_text()
        assert "MaxThreads changed: takes effect after a restart" in log
        assert "QueueLength changed: takes effect after a restart" in log
        assert "configuration reloaded: Exclude changed" in log
        assert d.control("PING") == "PONG"


def test_an_invalid_file_is_refused_and_the_running_settings_stay(workdir, share):
    conf, daemon = configured_daemon(workdir, share, "Exclude \\.iso$\n")
    with daemon as d:
        reload_with(d, conf, "MaxThreads lots\n", logged="configuration not reloaded")
        assert (f"configuration not reloaded, the running one stays: {conf}:1: MaxThreads: "
                "'lots' is not a number") in d.log_text()
        assert excluded(d, share, "still.iso")  # the old Exclude is still in force
        assert d.process.alive() and d.control("PING") == "PONG"


def test_reload_command_rereads_the_file_and_the_signatures(workdir, share):
    conf, daemon = configured_daemon(workdir, share)
    with daemon as d:
        reload_with(d, conf, "Exclude \\.iso$\n", how="RELOAD")
        d.process.wait_for_log("signature database reloaded", timeout=30)
        assert excluded(d, share, "after.iso")


def test_a_changed_engine_limit_builds_a_new_engine(workdir, share):
    """MaxScanTime reaches libclamav: 1 ms stops the scan of a large file,
    which then counts as not scanned completely (ExceedsMaxAction fail)."""
    conf, daemon = configured_daemon(workdir, share)
    with daemon as d:
        reload_with(d, conf, "MaxScanTime 1\n")
        assert "configuration reloaded: MaxScanTime changed" in d.log_text()
        d.process.wait_for_log("signature database reloaded", timeout=30)
        target = share / "slow.bin"
        target.write_bytes(os.urandom(48 << 20))
        d.request(target)
        wait_until(lambda: marker_path(target, FAILED).exists() or
                   marker_path(target, SCANNED).exists(), 60, what=f"a verdict on {target}")
        assert marker_path(target, FAILED).exists()
        assert "Heuristics.Limits.Exceeded.MaxScanTime" in d.log_text()


def test_status_interval_changes_at_run_time(workdir, share):
    conf, daemon = configured_daemon(workdir, share)
    with daemon as d:
        assert "status small_queued=" not in d.log_text()  # the default is 10 minutes
        reload_with(d, conf, "StatusInterval 200ms\n")
        wait_for_count(d, "status small_queued=", 3, timeout=10)


def test_virus_action_is_turned_on_and_off_by_a_reload(workdir, share):
    records = workdir / "records"
    records.mkdir()
    recorder = workdir / "record.sh"
    recorder.write_text('#!/bin/sh\ntouch "$1/$(basename "$SCANNEDONLY_PATH")"\n')
    recorder.chmod(0o755)
    conf, daemon = configured_daemon(workdir, share)
    with daemon as d:
        reload_with(d, conf, f"VirusAction {recorder} {records}\n")
        first = write_eicar(share / "first.com")
        d.request(first)
        wait_until(lambda: (records / "first.com").exists(), 10, what="the command's record")
        reload_with(d, conf, "")
        assert "configuration reloaded: VirusAction changed" in d.log_text()
        second = write_eicar(share / "second.com")
        d.request(second)
        wait_for_marker(second, VIRUS)
        time.sleep(1)  # the command would have run by now (it runs in ~10 ms)
        assert not (records / "second.com").exists()
