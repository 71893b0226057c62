"""Engine clamd with Debian's real clamd on private unix sockets and
loopback TCP ports, generated signatures: verdicts over FILDES and
INSTREAM, load sharing, failover when a server dies, files kept unscanned
while every server is down, fake servers that answer garbage or stall, and
StreamMaxLength."""
import os
import signal
import socket
import subprocess
import threading

import pytest

from harness import env
from harness.clamd import Clamd
from harness.daemon import ScannedonlyDaemon
from harness.net import free_tcp_port, wait_until
from harness.signatures import EICAR_NAME, write_eicar, write_eicar_zip, write_test_database
from harness.verdicts import FAILED, SCANNED, VIRUS, marker_path, wait_for_marker


@pytest.fixture
def database(workdir):
    return write_test_database(workdir / "db")


def start_clamd(workdir, database, name, tcp=False, settings=()):
    return Clamd(workdir / name, database, tcp_port=free_tcp_port() if tcp else None,
                 settings=settings).start()


@pytest.fixture
def clamd_servers(workdir, database):
    started = []

    def start(name, tcp=True, settings=()):
        started.append(start_clamd(workdir, database, name, tcp, settings))
        return started[-1]

    yield start
    for c in started:
        c.stop()


def tcp(port):
    return ["--clamd-tcp", f"127.0.0.1:{port}"]


def clamd_daemon(workdir, share, database, servers, extra=()):
    return ScannedonlyDaemon(workdir / "daemon", scanroots=[share], database=database,
                             extra_args=["--engine", "clamd", *servers, *extra])


def server_lines(daemon):
    """STATS' server lines: {name: (state, outstanding, scans, errors, version)}."""
    lines = {}
    for line in daemon.control("STATS").splitlines():
        if line.startswith("server "):
            name, state, outstanding, scans, errors, version = line.split(" ", 6)[1:]
            lines[name] = (state, float(outstanding), float(scans), float(errors), version)
    return lines


def write_corpus(share, count, size=0, every_infected=0):
    """count files; every every_infected-th one EICAR. Returns (clean, infected)."""
    clean, infected = [], []
    for i in range(count):
        path = share / f"f{i:04d}.bin"
        if every_infected and i % every_infected == 0:
            infected.append(write_eicar(path))
        else:
            path.write_bytes(os.urandom(size) if size else f"file {i}\n".encode())
            clean.append(path)
    return clean, infected


def request_all(daemon, paths):
    for start in range(0, len(paths), 50):
        daemon.request(*paths[start:start + 50])


def assert_verdicts(share, clean, infected):
    for path in clean:
        assert marker_path(path).exists(), path
        assert not marker_path(path, VIRUS).exists(), path
    for path in infected:
        assert marker_path(path, VIRUS).exists(), path
        assert not marker_path(path).exists(), path
    assert not [e.name for e in share.iterdir() if e.name.startswith(FAILED)]


def wait_all_verdicts(clean, infected, timeout):
    wait_until(lambda: all(marker_path(p).exists() for p in clean)
               and all(marker_path(p, VIRUS).exists() for p in infected),
               timeout, interval=0.2, what="every verdict")


def check_verdicts(daemon, share):
    """Clean, EICAR and EICAR in a zip, each given its verdict by clamd."""
    clean = share / "report.txt"
    clean.write_text("quarterly figures\n")
    eicar = write_eicar(share / "eicar.com")
    zipped = write_eicar_zip(share / "invoice.zip")
    daemon.request(clean, eicar, zipped)
    wait_for_marker(clean)
    for path in (eicar, zipped):
        wait_for_marker(path, VIRUS)
        assert not marker_path(path).exists()
    wait_until(lambda: len(daemon.virus_log.read_text().splitlines()) == 2
               if daemon.virus_log.exists() else False, 10, what="two virus log lines")
    assert all(EICAR_NAME in line for line in daemon.virus_log.read_text().splitlines())


def test_unix_socket_fildes_verdicts(workdir, share, database, clamd_servers):
    server = clamd_servers("unix", tcp=False)
    with clamd_daemon(workdir, share, database, ["--clamd-socket", str(server.socket_path)]) as d:
        check_verdicts(d, share)
        (state, _, scans, errors, version), = server_lines(d).values()
        assert (state, scans, errors) == ("up", 3, 0) and version.startswith("ClamAV ")
        # Markers carry the stamp published for the clamd servers' signatures.
        assert f"\nclamd {version}\n" in d.stamp_path.read_text()
        assert os.lstat(marker_path(share / "report.txt")).st_atime_ns // 10**9 == d.stamp()


def test_tcp_instream_verdicts(workdir, share, database, clamd_servers):
    server = clamd_servers("tcp")
    with clamd_daemon(workdir, share, database, tcp(server.tcp_port)) as d:
        check_verdicts(d, share)
        assert server_lines(d)[f"tcp:127.0.0.1:{server.tcp_port}"][2] == 3
        status = subprocess.run([env.CTL, "status", "--socket", str(d.control_path)],
                                capture_output=True, text=True, timeout=30)
        assert status.returncode == 0, status.stderr
        assert "engine: clamd\n" in status.stdout
        assert f"clamd tcp:127.0.0.1:{server.tcp_port}: up, 0 outstanding, 3 scans, 0 errors, " \
               "ClamAV " in status.stdout
    assert "instream(127.0.0.1@" in server.log_text()


def test_a_symlink_in_the_share_is_not_followed(workdir, share, database, clamd_servers):
    outside = workdir / "outside"
    outside.mkdir()
    secret = write_eicar(outside / "shadow")
    server = clamd_servers("unix", tcp=False)
    with clamd_daemon(workdir, share, database, ["--clamd-socket", str(server.socket_path)]) as d:
        (share / "innocent.txt").symlink_to(secret)
        d.request(share / "innocent.txt")
        d.process.wait_for_log("refused file of " + str(share / "innocent.txt"))
        assert sorted(os.listdir(outside)) == ["shadow"]
        assert not os.path.lexists(marker_path(share / "innocent.txt"))
        assert server_lines(d)[f"unix:{server.socket_path}"][2] == 0  # nothing sent
    assert "shadow" not in server.log_text()


def test_two_servers_share_the_load(workdir, share, database, clamd_servers):
    one, two = clamd_servers("one"), clamd_servers("two")
    clean, infected = write_corpus(share, 200, size=16384, every_infected=20)
    with clamd_daemon(workdir, share, database, tcp(one.tcp_port) + tcp(two.tcp_port),
                      ["--maxthreads", "8"]) as d:
        request_all(d, clean + infected)
        wait_all_verdicts(clean, infected, 120)
        assert_verdicts(share, clean, infected)
        lines = server_lines(d)
    scans = [lines[f"tcp:127.0.0.1:{c.tcp_port}"][2] for c in (one, two)]
    assert sum(scans) == 200
    assert min(scans) >= 40, scans  # neither idles while the other works


def test_a_server_killed_mid_run_loses_no_file(workdir, share, database, clamd_servers):
    one, two = clamd_servers("one"), clamd_servers("two")
    clean, infected = write_corpus(share, 400, size=512 * 1024, every_infected=10)
    with clamd_daemon(workdir, share, database, tcp(one.tcp_port) + tcp(two.tcp_port),
                      ["--maxthreads", "8"]) as d:
        request_all(d, clean + infected)
        wait_until(lambda: sum(marker_path(p).exists() for p in clean) >= 20, 60,
                   interval=0.01, what="the first verdicts")
        os.kill(one.pid, signal.SIGKILL)
        done_at_kill = sum(marker_path(p).exists() for p in clean)
        assert done_at_kill < len(clean), "the run ended before the kill: nothing was tested"
        wait_all_verdicts(clean, infected, 180)
        assert_verdicts(share, clean, infected)
        lines = server_lines(d)
        killed = lines[f"tcp:127.0.0.1:{one.tcp_port}"]
        survivor = lines[f"tcp:127.0.0.1:{two.tcp_port}"]
        assert killed[0] == "down" and killed[3] >= 1
        assert survivor[0] == "up" and survivor[3] == 0
        assert killed[2] + survivor[2] == 400
        assert "failed (" in d.log_text() and "taken out" in d.log_text()


def test_all_servers_down_files_wait_then_are_scanned(workdir, share, database):
    port = free_tcp_port()
    clean, infected = write_corpus(share, 10, every_infected=5)
    with clamd_daemon(workdir, share, database, tcp(port)) as d:
        request_all(d, clean + infected)
        for path in clean + infected:
            d.process.wait_for_log("not scanned, tried again in 5000 ms: " + str(path))
        # Tried again at least once more, and still nothing marked.
        wait_until(lambda: d.log_text().count("not scanned, tried again") >= 2 * 10, 30,
                   what="a second round of retries")
        assert sorted(e.name for e in share.iterdir()) == sorted(p.name for p in clean + infected)
        assert server_lines(d)[f"tcp:127.0.0.1:{port}"][0] == "down"
        server = Clamd(workdir / "late", database, tcp_port=port).start()
        try:
            d.process.wait_for_log(f"clamd tcp:127.0.0.1:{port} is back", timeout=90)
            wait_all_verdicts(clean, infected, 30)
            assert_verdicts(share, clean, infected)
        finally:
            server.stop()


class FakeClamd:
    """A TCP server on loopback that reads a request and answers `reply`
    (bytes), or never answers (None), for PING and VERSION too unless
    `probes` is set."""

    def __init__(self, reply, probes=True):
        self.reply = reply
        self.probes = probes
        self.version = b"ClamAV 1.4.2/27456/Mon Dec  1 09:35:00 2026"
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        self.requests = 0
        self.stopping = threading.Event()
        self.connections = []
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except socket.timeout:
                continue
            self.connections.append(conn)
            conn.settimeout(5)
            try:
                command = conn.recv(10)
            except OSError:
                continue
            if self.probes and command.startswith(b"zPING"):
                conn.sendall(b"PONG\0")
            elif self.probes and command.startswith(b"zVERSION"):
                conn.sendall(self.version + b"\0")
            else:
                self.requests += 1
                if self.reply is not None:
                    conn.sendall(self.reply)

    def stop(self):
        self.stopping.set()
        self.thread.join()
        for conn in self.connections:
            conn.close()
        self.listener.close()


@pytest.mark.parametrize("reply,logged", [
    (b"stream: OK but not quite\0", "garbage reply"),
    (b"HTTP/1.1 200 OK\r\n\r\n", "garbage"),
    (None, "no reply within 2 s"),
])
def test_a_server_answering_garbage_or_stalling_fails_and_marks_nothing(
        workdir, share, database, reply, logged):
    fake = FakeClamd(reply)
    try:
        path = share / "report.txt"
        path.write_text("quarterly figures\n")
        with clamd_daemon(workdir, share, database, tcp(fake.port),
                          ["--clamd-timeout", "2"]) as d:
            d.request(path)
            d.process.wait_for_log("not scanned, tried again in 5000 ms: " + str(path))
            assert logged in d.log_text() and "taken out" in d.log_text()
            assert fake.requests >= 1
            assert sorted(os.listdir(share)) == ["report.txt"]  # no marker of any kind
            name = f"tcp:127.0.0.1:{fake.port}"
            assert server_lines(d)[name][0] == "down"
    finally:
        fake.stop()


def test_a_server_s_new_signatures_renew_the_stamp(workdir, share, database):
    """clamd reloads its own signatures: once its VERSION says so (refreshed
    every minute), the daemon builds a new engine whose stamp makes the
    markers of the old signatures outdated."""
    fake = FakeClamd(b"stream: OK\0")
    try:
        path = share / "report.txt"
        path.write_text("quarterly figures\n")
        with clamd_daemon(workdir, share, database, tcp(fake.port),
                          ["--database-check-interval", "200ms"]) as d:
            d.request(path)
            wait_for_marker(path)
            before = d.stamp()
            assert os.lstat(marker_path(path)).st_atime_ns // 10**9 == before
            fake.version = b"ClamAV 1.4.2/27457/Tue Dec  2 09:35:00 2026"
            wait_until(lambda: d.stamp() != before, 90, what="a stamp for 27457")
            assert "a clamd server has new signatures" in d.log_text()
            d.request(path)
            wait_until(lambda: os.lstat(marker_path(path)).st_atime_ns // 10**9 == d.stamp(),
                       20, what="the marker rescanned under the new stamp")
    finally:
        fake.stop()


def test_a_garbage_server_s_file_is_resent_to_a_real_one(workdir, share, database,
                                                         clamd_servers):
    fake = FakeClamd(b"stream: ???\0")
    real = clamd_servers("real")
    try:
        clean, infected = write_corpus(share, 20, every_infected=4)
        with clamd_daemon(workdir, share, database, tcp(fake.port) + tcp(real.tcp_port)) as d:
            request_all(d, clean + infected)
            wait_all_verdicts(clean, infected, 30)
            assert_verdicts(share, clean, infected)
            assert fake.requests >= 1 and "garbage reply" in d.log_text()
            assert server_lines(d)[f"tcp:127.0.0.1:{real.tcp_port}"][2] == 20
    finally:
        fake.stop()


@pytest.mark.parametrize("action,prefix", [("fail", FAILED), ("allow", SCANNED)])
def test_stream_max_length_exceeded_follows_exceeds_max_action(workdir, share, database,
                                                               clamd_servers, action, prefix):
    server = clamd_servers("limited", settings=["StreamMaxLength 1M"])
    big = share / "big.bin"
    big.write_bytes(os.urandom(3 << 20))
    small = share / "small.bin"
    small.write_bytes(os.urandom(100 << 10))
    with clamd_daemon(workdir, share, database, tcp(server.tcp_port),
                      ["--exceeds-max-action", action]) as d:
        d.request(big, small)
        wait_for_marker(big, prefix)
        wait_for_marker(small)
        assert "longer than the StreamMaxLength of clamd" in d.log_text()
        assert server_lines(d)[f"tcp:127.0.0.1:{server.tcp_port}"][0] == "up"
    other = SCANNED if prefix == FAILED else FAILED
    assert not marker_path(big, other).exists()


def test_engine_clamd_without_a_server_is_refused(workdir, share):
    result = subprocess.run([str(env.DAEMON), "--config", "/dev/null", "--scanroot", str(share),
                             "--engine", "clamd", "--check-config"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 64
    assert "Engine clamd: no server" in result.stderr
    result = subprocess.run([str(env.DAEMON), "--config", "/dev/null", "--scanroot", str(share),
                             "--engine", "clamd", "--clamd-tcp", "scanhost", "--check-config"],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 64
    assert "'scanhost' is not HOST:PORT" in result.stderr
