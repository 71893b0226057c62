"""VirusAction: a command per infected file, without a shell, with the
facts in its environment; bounded in time and number, never holding up a
scan, its failures logged."""
import os
import time

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.signatures import EICAR_NAME, write_eicar
from harness.verdicts import VIRUS, marker_path, wait_for_marker


def script(path, body):
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


def test_the_command_gets_the_facts_in_its_environment(workdir, share):
    records = workdir / "records"
    records.mkdir()
    recorder = script(workdir / "record.sh",
                      'for a in "$@"; do echo "arg=$a"; done > "$1/$$.env"\n'
                      'env >> "$1/$$.env"\n')
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--virus-action", f"{recorder} {records} two"]) as d:
        infected = write_eicar(share / "bad name; $(reboot).com")
        d.request(infected)
        wait_for_marker(infected, VIRUS)
        found = wait_until(lambda: list(records.glob("*.env")), 10, what="the command's record")
        wait_until(lambda: "SCANNEDONLY_TIME=" in found[0].read_text(), 5, what="whole record")
        lines = found[0].read_text().splitlines()
        env = dict(line.split("=", 1) for line in lines if not line.startswith("arg="))
        assert [line for line in lines if line.startswith("arg=")] == \
            [f"arg={records}", "arg=two"]
        assert env["SCANNEDONLY_PATH"] == str(infected)
        assert env["SCANNEDONLY_VIRUS"].startswith(EICAR_NAME)
        assert env["SCANNEDONLY_ACTION"] == "renamed"
        assert env["SCANNEDONLY_DESTINATION"] == str(marker_path(infected, VIRUS))
        assert env["SCANNEDONLY_TIME"].endswith("Z")
        assert env["CLAM_VIRUSEVENT_FILENAME"] == str(infected)
        assert env["CLAM_VIRUSEVENT_VIRUSNAME"] == env["SCANNEDONLY_VIRUS"]
        # Nothing of the daemon's own environment (NOTIFY_SOCKET, say).
        assert set(env) - {"PWD", "SHLVL", "_", "OLDPWD"} == {
            "PATH", "SCANNEDONLY_PATH", "SCANNEDONLY_VIRUS", "SCANNEDONLY_ACTION",
            "SCANNEDONLY_DESTINATION", "SCANNEDONLY_TIME", "CLAM_VIRUSEVENT_FILENAME",
            "CLAM_VIRUSEVENT_VIRUSNAME"}
        d.process.wait_for_log("VirusAction " + str(recorder) + " for ", timeout=5)


def test_a_hanging_command_is_killed_and_holds_up_no_scan(workdir, share):
    pids = workdir / "pids"
    pids.mkdir()
    hang = script(workdir / "hang.sh", f'sleep 1000 & echo $! > "{pids}/$$"\nwait\n')
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "1", "--virus-action", str(hang),
                                       "--virus-action-max", "1",
                                       "--virus-action-timeout", "2s"]) as d:
        started = time.monotonic()
        infected = [write_eicar(share / f"eicar{i}.com") for i in range(3)]
        clean = share / "clean.txt"
        clean.write_text("after the infections\n")
        d.request(*infected, clean)
        for f in infected:
            wait_for_marker(f, VIRUS)
        wait_for_marker(clean)
        assert time.monotonic() - started < 2  # no scan waited for the commands
        d.process.wait_for_log("killed: still running after 2000 ms (VirusActionTimeout)",
                               timeout=10)
        # What the command started went with it (its process group).
        sleeper = int(wait_until(lambda: list(pids.iterdir()), 5, what="pid")[0].read_text())
        wait_until(lambda: not os.path.exists(f"/proc/{sleeper}") or
                   open(f"/proc/{sleeper}/stat").read().split()[2] == "Z", 5,
                   what="the command's child killed")
        # One at a time: three infections take three timeouts.
        wait_until(lambda: d.log_text().count("killed: still running") == 3, 15,
                   what="all three killed in turn")


def test_failures_are_logged(workdir, share):
    failing = script(workdir / "fail.sh", "echo oops >&2\nexit 3\n")
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--virus-action", str(failing)]) as d:
        infected = write_eicar(share / "eicar.com")
        d.request(infected)
        d.process.wait_for_log(f"VirusAction {failing} for {infected} failed: exited with "
                               "status 3", timeout=10)
    with ScannedonlyDaemon(workdir / "daemon2", scanroots=[share],
                           extra_args=["--virus-action", str(workdir / "missing")]) as d:
        infected = write_eicar(share / "eicar2.com")
        d.request(infected)
        d.process.wait_for_log(f"VirusAction {workdir / 'missing'} for {infected} could not "
                               "start: No such file or directory", timeout=10)


def test_the_warning_file_comes_from_a_template_or_not_at_all(workdir, share):
    template = workdir / "warning.txt"
    template.write_text("Dear user, %NAME% had %VIRUS% (%ACTION%) at %TIME%; 100%% gone.\n")
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--virus-warning", str(template)]) as d:
        infected = write_eicar(share / "eicar.com")
        d.request(infected)
        wait_for_marker(infected, VIRUS)
        warning = share / "eicar.com.VIRUS-WARNING.txt"
        wait_until(warning.exists, 5, what="the warning")
        text = warning.read_text()
        assert text.startswith(f"Dear user, eicar.com had {EICAR_NAME}")
        assert f"(renamed to {marker_path(infected, VIRUS)}) at 20" in text
        assert text.endswith("Z; 100% gone.\n")
    with ScannedonlyDaemon(workdir / "daemon2", scanroots=[share],
                           extra_args=["--virus-warning", "off"]) as d:
        infected = write_eicar(share / "quiet.com")
        d.request(infected)
        wait_for_marker(infected, VIRUS)
        time.sleep(0.3)
        assert not (share / "quiet.com.VIRUS-WARNING.txt").exists()


def test_an_unreadable_warning_template_stops_the_start(workdir, share):
    import subprocess
    from harness import env
    result = subprocess.run([env.DAEMON, "--config", "/dev/null", "--scanroot", str(share),
                             "--virus-warning", str(workdir / "missing.txt")],
                            capture_output=True, text=True, timeout=20)
    assert result.returncode == 64
    assert f"{workdir / 'missing.txt'}: cannot read: No such file or directory" in result.stderr
