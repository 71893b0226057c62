"""scannedonlyctl against the real daemon: what it prints, and the exit
statuses scripts and monitoring rely on, with the daemon up, down, silent
or out of reach."""
import json
import re
import socket
import subprocess
import threading
import time

from harness import env
from harness.daemon import ScannedonlyDaemon
from harness.signatures import write_eicar
from harness.verdicts import VIRUS, wait_for_marker

DAEMON_DOWN, TIMEOUT, BAD_REPLY, NO_PERMISSION, USAGE = 69, 75, 76, 77, 64


def ctl(*args, user=None, groups=(), timeout=30):
    """As root, or as `user` in group nogroup and `groups` only."""
    ids = dict(user=user, group="nogroup", extra_groups=list(groups)) if user else {}
    return subprocess.run([env.CTL, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **ids)


def test_every_command_with_the_daemon_up(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        sock = ["--socket", d.control_path]
        infected = write_eicar(share / "eicar.com")
        d.request(infected)
        wait_for_marker(infected, VIRUS)

        r = ctl("ping", *sock)
        assert (r.returncode, r.stdout) == (0, "PONG\n")
        r = ctl("version", *sock)
        assert r.returncode == 0 and r.stdout.startswith("scannedonlyd 0.31.0/libclamav ")

        r = ctl("status", *sock)
        assert r.returncode == 0, r.stderr
        assert "signatures: 2" in r.stdout
        assert "queue: small 0 waiting, 0 scanning; large 0 waiting, 0 scanning" in r.stdout
        assert "1 scanned (0 clean, 1 infected, 0 failed)" in r.stdout

        r = ctl("stats", "--json", *sock)
        stats = json.loads(r.stdout)
        assert stats["infected"] == 1 and stats["signatures"] == 2
        assert stats["scans"] == [] and stats["version"] == "0.31.0"
        r = ctl("stats", *sock)
        assert "infected 1\n" in r.stdout and r.stdout.endswith("END\n")

        r = ctl("metrics", *sock)
        assert r.returncode == 0
        assert 'scannedonly_files_total{verdict="infected"} 1\n' in r.stdout
        assert "scannedonly_up 1\n" in r.stdout
        sample = re.compile(r'^scannedonly_[a-z_]+(\{[a-z]+="[^"]*"(,[a-z]+="[^"]*")*\})? '
                            r'[0-9.e+-]+$')
        for line in r.stdout.splitlines():
            assert line.startswith("# HELP ") or line.startswith("# TYPE ") or \
                sample.match(line), line

        r = ctl("watch", "--interval", "100ms", "--count", "2", *sock)
        assert r.returncode == 0
        assert r.stdout.count("\033[H\033[2J") == 2
        assert r.stdout.count("since start: 1 scanned") == 2

        r = ctl("reload", *sock)
        assert (r.returncode, r.stdout) == (0, "RELOADING\n")
        d.process.wait_for_log("signature database reloaded", timeout=20)

        r = ctl("shutdown", *sock)
        assert (r.returncode, r.stdout) == (0, "SHUTTING DOWN\n")
        d.process.proc.wait(20)


def test_the_socket_comes_from_the_daemons_configuration(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        conf = workdir / "scannedonlyd.conf"
        conf.write_text(f"ScanRoot {share}\nControlSocket {d.control_path}\n")
        r = ctl("ping", "--config", conf)
        assert (r.returncode, r.stdout) == (0, "PONG\n")
        conf.write_text("ControlSocket relative\n")
        r = ctl("ping", "--config", conf)
        assert r.returncode == USAGE
        assert "ControlSocket: 'relative'" in r.stderr


def test_daemon_down(workdir):
    missing = workdir / "no-daemon"
    for command in ("ping", "status", "stats", "reload"):
        r = ctl(command, "--socket", missing)
        assert r.returncode == DAEMON_DOWN, command
        assert f"{missing}: No such file or directory" in r.stderr
    # A stale socket nobody listens on.
    stale = workdir / "stale.sock"
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.bind(str(stale))
    s.close()
    assert ctl("ping", "--socket", stale).returncode == DAEMON_DOWN
    # node_exporter's textfile collector still learns the daemon is down.
    r = ctl("metrics", "--socket", missing)
    assert r.returncode == DAEMON_DOWN
    assert "scannedonly_up 0\n" in r.stdout


def test_a_daemon_that_does_not_answer_times_out(workdir):
    path = workdir / "silent.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.bind(str(path))
        silent.listen(8)  # accepts connections into the backlog, never answers
        started = time.monotonic()
        r = ctl("ping", "--socket", path, "--timeout", "500ms")
        assert r.returncode == TIMEOUT
        assert "no answer within the timeout" in r.stderr
        assert time.monotonic() - started < 5


def test_an_answer_it_cannot_read(workdir):
    path = workdir / "odd.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as odd:
        odd.bind(str(path))
        odd.listen(8)

        def answer():
            conn, _ = odd.accept()
            conn.recv(100)
            conn.sendall(b"something else entirely\0")
            conn.close()
        t = threading.Thread(target=answer)
        t.start()
        r = ctl("status", "--socket", path)
        t.join()
        assert r.returncode == BAD_REPLY
        assert "cannot read the STATS answer" in r.stderr


def test_users_outside_the_control_group_are_refused(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        r = ctl("ping", "--socket", d.control_path, user="nobody")
        assert r.returncode == NO_PERMISSION
        assert "Permission denied" in r.stderr


def test_members_of_the_control_group_may_ask(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--control-group", "adm"]) as d:
        r = ctl("ping", "--socket", d.control_path, user="nobody", groups=["adm"])
        assert (r.returncode, r.stdout) == (0, "PONG\n")
        r = ctl("ping", "--socket", d.control_path, user="nobody")
        assert r.returncode == NO_PERMISSION


def test_usage_errors():
    r = ctl("frobnicate")
    assert r.returncode == USAGE and "unknown command" in r.stderr
    r = ctl("--help")
    assert r.returncode == 0
    assert "69 no daemon at the socket; 75 no answer within --timeout" in r.stdout
