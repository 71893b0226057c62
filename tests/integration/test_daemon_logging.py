"""Where the daemon's own messages go: stderr with a readable prefix, or,
when stderr is systemd's journal stream, with "<N>" priority prefixes the
journal turns into real priorities."""
import os

from harness.daemon import ScannedonlyDaemon
from harness.signatures import write_eicar
from harness.verdicts import VIRUS, wait_for_marker


def test_plain_stderr_lines_name_the_daemon_and_level(workdir):
    with ScannedonlyDaemon(workdir / "daemon") as d:
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
