"""The control socket: clamd's command framing, every command, and a socket
no client can use to stall scanning or lock an administrator out."""
import os
import pathlib
import signal
import socket
import stat
import subprocess
import threading
import time

import pytest

from harness import env
from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.signatures import EICAR_NAME, write_eicar, write_test_database
from harness.verdicts import VIRUS, wait_for_marker


def stats(d):
    reply = d.control("STATS")
    assert reply.endswith("\nEND"), reply
    fields = {}
    scans = []
    for line in reply.splitlines()[:-1]:
        key, _, value = line.partition(" ")
        if key == "scan":
            scans.append(value)
        else:
            fields[key] = value
    return fields, scans


def raw(path, payload, timeout=5):
    """Sends bytes as they are and returns everything until the daemon closes."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(str(path))
        s.sendall(payload)
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    return reply


def test_every_command_in_both_framings(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        assert d.control("PING") == "PONG"
        assert d.control("PING", framing="n") == "PONG"
        version = d.control("VERSION", framing="n")
        assert version.startswith("scannedonlyd 0.31.0/libclamav 1."), version
        assert version.count("/") == 3

        clean = share / "clean.txt"
        clean.write_text("nothing to see\n")
        infected = write_eicar(share / "eicar.com")
        d.request(clean, infected)
        wait_for_marker(clean)
        wait_for_marker(infected, VIRUS)
        fields, scans = stats(d)
        assert fields["clean"] == "1" and fields["infected"] == "1"
        assert fields["scanned"] == "2" and fields["failed"] == "0"
        assert fields["signatures"] == "2"
        assert float(fields["engine_load_seconds"]) > 0
        assert fields["small_queued"] == "0" and scans == []

        d.send(b"relative/path\n")
        wait_until(lambda: stats(d)[0]["malformed"] == "1", 5, what="malformed counted")

        assert d.control("RELOAD") == "RELOADING"
        d.wait_for_notify("RELOADING=1", 20)
        d.process.wait_for_log("signature database reloaded: 2 signatures", timeout=20)

        assert d.control("SHUTDOWN") == "SHUTTING DOWN"
        d.process.proc.wait(20)
        assert d.process.proc.returncode == 0
        assert not d.control_path.exists()
        assert not d.socket_path.exists()
        assert not (d.workdir / "scannedonlyd.pid").exists()


def test_stats_show_scans_in_progress_and_how_long_paths_wait(workdir, share):
    """One thread: while it scans a large file, the small files behind it wait."""
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--maxthreads", "1"]) as d:
        big = share / "big.bin"
        with open(big, "wb") as f:
            f.write(os.urandom(1 << 20) * 90)
        small = []
        for i in range(20):
            small.append(share / f"small{i}.txt")
            small[-1].write_text(f"file {i}\n")
        d.request(big)
        d.request(*small)

        def busy():
            fields, scans = stats(d)
            return (fields, scans) if scans and float(fields["small_oldest_queued_seconds"]) > 0 \
                else None
        fields, scans = wait_until(busy, 20, interval=0.01, what="a scan in progress in STATS")
        lane, seconds, path = scans[0].split(" ", 2)
        assert (lane, path) == ("large", str(big))
        assert float(seconds) >= 0
        assert fields["large_active"] == "1"
        assert int(fields["small_queued"]) > 0
        for f in small:
            wait_for_marker(f, timeout=60)
        fields, _ = stats(d)
        assert float(fields["files_per_second"]) > 0
        assert float(fields["bytes_per_second"]) >= (90 << 20) / 60


def test_malformed_unknown_and_oversized_commands_get_an_error_line(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        assert raw(d.control_path, b"nFROBNICATE\n") == b"UNKNOWN COMMAND FROBNICATE\n"
        assert raw(d.control_path, b"zping\0") == b"UNKNOWN COMMAND ping\0"
        assert raw(d.control_path, b"PING\n") == b"ERROR malformed command\n"
        assert raw(d.control_path, b"n\x1b[2J\n") == b"ERROR malformed command\n"
        assert raw(d.control_path, b"z" + b"A" * 100_000) == b"ERROR command too long\0"
        assert raw(d.control_path, b"n" + b"B" * 300 + b"\n") == b"ERROR command too long\n"
        # A client that sends half a command and goes away.
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(str(d.control_path))
            s.sendall(b"zST")
        assert d.control("PING") == "PONG"
        assert d.process.alive()


def test_stalled_clients_block_neither_scanning_nor_an_administrator_for_long(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--control-connections", "8",
                                       "--command-read-timeout", "1s"]) as d:
        stalled = []
        # Clients that never send a command, and clients that ask for STATS
        # again and again without reading a byte.
        for _ in range(5):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(str(d.control_path))
            stalled.append(s)
        for _ in range(3):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
            s.connect(str(d.control_path))
            s.sendall(b"zSTATS\0")
            stalled.append(s)
        started = time.monotonic()
        assert raw(d.control_path, b"zPING\0") == b"ERROR too many connections\n"
        # Scanning and request intake go on meanwhile.
        f = share / "during.txt"
        f.write_text("scanned while the control socket is full\n")
        d.request(f)
        wait_for_marker(f, timeout=5)
        # Within the timeout (and a poll's second) the slots are free again.
        wait_until(lambda: raw(d.control_path, b"zPING\0") == b"PONG\0", 5, interval=0.1,
                   what="a free control slot")
        assert time.monotonic() - started < 4
        for s in stalled:
            s.close()


def test_a_hundred_concurrent_clients_all_get_their_answer(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--control-connections", "100"]) as d:
        replies = []
        barrier = threading.Barrier(100)

        def client():
            barrier.wait()
            replies.append(d.control("STATS"))
        threads = [threading.Thread(target=client) for _ in range(100)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert len(replies) == 100
        assert all(r.startswith("version 0.31.0\n") and r.endswith("\nEND") for r in replies)


def test_socket_is_0660_and_group_is_configurable(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--control-group", "adm"]) as d:
        st = os.lstat(d.control_path)
        assert stat.S_ISSOCK(st.st_mode)
        assert stat.S_IMODE(st.st_mode) == 0o660
        assert st.st_uid == 0
        import grp
        assert st.st_gid == grp.getgrnam("adm").gr_gid


def test_an_unknown_control_group_is_a_configuration_error(workdir, share):
    result = subprocess.run(
        [env.DAEMON, "--config", "/dev/null", "--foreground", "--scanroot", str(share),
         "--database", str(write_test_database(workdir / "db")),
         "--socket", str(workdir / "scan.sock"), "--control-socket", str(workdir / "ctl"),
         "--control-group", "no-such-group-here"],
        capture_output=True, text=True, timeout=20)
    assert result.returncode == 64
    assert "ControlGroup: no group 'no-such-group-here'" in result.stderr
    assert not (workdir / "ctl").exists()


@pytest.mark.parametrize("signum", [signal.SIGUSR1, signal.SIGALRM])
def test_signals_sent_by_habit_do_not_kill_the_daemon(workdir, share, signum):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        d.process.signal(signum)
        d.process.wait_for_log("ignored (SIGUSR2 reloads", timeout=5)
        assert d.control("PING") == "PONG"


def test_sigquit_stops_cleanly(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        d.process.signal(signal.SIGQUIT)
        d.process.proc.wait(20)
        assert d.process.proc.returncode == 0
        assert not d.control_path.exists()
        assert not (d.workdir / "scannedonlyd.pid").exists()
