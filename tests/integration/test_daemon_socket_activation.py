"""Socket activation (scannedonlyd.socket): the daemon takes the request
socket systemd passes, so requests sent while it starts, loads signatures or
restarts wait in the socket's queue instead of being lost; a socket that
does not match the configuration is refused."""
import socket

import pytest

from harness.activation import bound_socket
from harness.daemon import ScannedonlyDaemon
from harness.verdicts import marker_path, wait_for_marker


def new_files(share, prefix, count):
    files = [share / f"{prefix}{i}.txt" for i in range(count)]
    for f in files:
        f.write_text(f"{f.name}\n")
    return files


def send_now(sock_path, files):
    """One datagram per file, as the module sends them; a send that cannot
    be queued at once fails (the module's sends never block either)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.setblocking(False)
        for f in files:
            s.sendto(f"{f}\n".encode(), str(sock_path))


@pytest.fixture
def request_socket(workdir):
    s = bound_socket(workdir / "scan.sock")
    yield s
    s.close()


def test_requests_sent_before_the_daemon_runs_are_scanned(workdir, share, request_socket):
    """Sent before the process even exists, so surely before its signatures
    are loaded. net.unix.max_dgram_qlen (10 unless systemd raised it to 512
    at boot) bounds how many datagrams wait: eight do here."""
    files = new_files(share, "early", 8)
    send_now(request_socket.getsockname(), files)
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           inherited_socket=request_socket) as daemon:
        for f in files:
            wait_for_marker(f)
        assert f"receiving requests on {request_socket.getsockname()}, passed by systemd" \
            in daemon.log_text()


def test_requests_sent_between_two_daemons_are_scanned(workdir, share, request_socket):
    first = ScannedonlyDaemon(workdir / "first", scanroots=[share],
                              inherited_socket=request_socket).start()
    assert first.stop() == 0
    path = request_socket.getsockname()
    assert socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).connect_ex(path) == 0, \
        "the daemon removed the socket systemd owns"
    files = new_files(share, "between", 8)
    send_now(path, files)
    assert not any(marker_path(f).exists() for f in files)
    with ScannedonlyDaemon(workdir / "second", scanroots=[share],
                           inherited_socket=request_socket):
        for f in files:
            wait_for_marker(f)


@pytest.mark.parametrize("kind, name, extra_args, why", [
    (socket.SOCK_STREAM, "scan.sock", [],
     "the passed socket is not a unix datagram socket bound to {path}"),
    (socket.SOCK_DGRAM, "other.sock", [],
     "the passed socket is not a unix datagram socket bound to {path}"),
    (socket.SOCK_DGRAM, "scan.sock", ["--portnum", "20999"],
     "a socket was passed, but Port selects UDP"),
])
def test_a_socket_that_disagrees_with_the_configuration_is_refused(workdir, share, kind, name,
                                                                   extra_args, why):
    passed = bound_socket(workdir / name, kind)
    daemon = ScannedonlyDaemon(workdir / "daemon", scanroots=[share], extra_args=extra_args,
                               inherited_socket=passed)
    daemon.socket_path = workdir / "scan.sock"  # what the daemon is configured with
    with pytest.raises(RuntimeError, match="scannedonlyd exited"):
        daemon.start()
    assert daemon.stop() == 69
    expected = "socket activation: " + why.format(path=workdir / "scan.sock")
    assert expected in daemon.log_text()
    assert "ListenDatagram=" in daemon.log_text()
    passed.close()
