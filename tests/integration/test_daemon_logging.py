"""Where the daemon's own messages go: stderr with a readable prefix, or,
when stderr is systemd's journal stream, with "<N>" priority prefixes the
journal turns into real priorities."""
import os
import signal
import subprocess

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.signatures import write_eicar
from harness.verdicts import VIRUS, wait_for_marker


def test_plain_stderr_lines_name_the_daemon_and_level(workdir):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[workdir]) as d:
        pass
    assert "scannedonlyd: notice: ready: 2 signatures" in d.log_text()


def test_journal_stream_gets_priority_prefixes(workdir, monkeypatch):
    share = workdir / "share"
    share.mkdir()
    d = ScannedonlyDaemon(workdir / "daemon", scanroots=[share])
    log = d.workdir / "scannedonlyd.log"  # the harness appends the daemon's output here
    log.touch()
    st = os.stat(log)
    monkeypatch.setenv("JOURNAL_STREAM", f"{st.st_dev}:{st.st_ino}")
    with d:
        infected = write_eicar(share / "e.com")
        d.request(infected)
        wait_for_marker(infected, VIRUS)
        d.process.wait_for_log("<4>warning: infected: " + str(infected))
    assert "<5>notice: ready" in d.log_text()
    assert "scannedonlyd: " not in d.log_text()


def test_without_foreground_it_detaches_and_logs_to_syslog(workdir):
    share = workdir / "share"
    share.mkdir()
    d = ScannedonlyDaemon(workdir / "daemon", scanroots=[share])
    argv = [a for a in d.argv() if a != "--foreground"]
    pid_file = d.workdir / "scannedonlyd.pid"
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    try:
        assert result.returncode == 0, result.stderr
        assert result.stdout == "" and result.stderr == ""  # nothing on the terminal
        wait_until(pid_file.exists, 30, what="pid file of the detached daemon")
        wait_until(lambda: pid_file.read_text().strip(), 5, what="pid in the pid file")
        pid = int(pid_file.read_text())
        assert os.getsid(pid) == pid  # its own session, no terminal
        wait_until(d.socket_path.exists, 30, what="socket")
        f = share / "f.txt"
        f.write_text("detached\n")
        d.request(f)
        wait_for_marker(f)
    finally:
        if pid_file.exists() and pid_file.read_text().strip():
            os.kill(int(pid_file.read_text()), signal.SIGTERM)
    wait_until(lambda: not pid_file.exists(), 20, what="pid file removed at exit")
