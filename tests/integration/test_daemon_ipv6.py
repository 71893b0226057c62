"""UDP over IPv6: the daemon listens on IPv6 addresses, its default Listen
covers every address of localhost, and the module's and the prescan tool's
default scan host (localhost, first address wins) reach it where localhost
resolves to ::1 first. Loopback only."""
import socket
import subprocess

import pytest

from harness import env
from harness.daemon import ScannedonlyDaemon
from harness.net import free_udp_port
from harness.samba import SmbServer
from harness.verdicts import wait_for_marker
from harness.vfs import get, module_share


def send_udp(host, port, path):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.sendto(f"{path}\n".encode(), (host, port))


@pytest.fixture
def hosts_file(workdir):
    def write(text):
        hosts = workdir / "hosts"
        hosts.write_text(text)
        return hosts
    return write


@pytest.fixture
def ipv6_first_hosts(hosts_file):
    return hosts_file("::1 localhost\n127.0.0.1 localhost\n")


def with_hosts(hosts, argv):
    """argv run in a mount namespace of its own whose /etc/hosts is `hosts`."""
    return ["unshare", "--mount", "sh", "-c", 'mount --bind "$0" /etc/hosts && exec "$@"',
            str(hosts), *map(str, argv)]


class DaemonWithHosts(ScannedonlyDaemon):
    def __init__(self, hosts, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hosts = hosts

    def argv(self):
        return with_hosts(self.hosts, super().argv())


def test_listens_on_ipv6_loopback(workdir, share):
    port = free_udp_port()
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share], udp_port=port,
                           extra_args=["--listen", "::1"]) as d:
        target = share / "v6.txt"
        target.write_text("over ipv6\n")
        send_udp("::1", port, target)
        wait_for_marker(target)
        assert f"listening on UDP [::1]:{port}" in d.log_text()


def test_default_listen_is_every_address_of_localhost(workdir, share, hosts_file):
    port = free_udp_port()
    hosts = hosts_file("127.0.0.1 localhost\n::1 localhost\n")
    with DaemonWithHosts(hosts, workdir / "daemon", scanroots=[share], udp_port=port) as d:
        for host in ("127.0.0.1", "::1"):
            target = share / f"via-{host.replace(':', '_')}.txt"
            target.write_text(f"sent to {host}\n")
            send_udp(host, port, target)
            wait_for_marker(target)
        assert f"listening on UDP 127.0.0.1:{port}" in d.log_text()
        assert f"listening on UDP [::1]:{port}" in d.log_text()


def test_defaults_work_where_localhost_is_ipv6_first(workdir, share, ipv6_first_hosts):
    """Daemon and prescan tool with their defaults but UDP, where the
    resolver gives ::1 before 127.0.0.1 for localhost."""
    first = subprocess.run(with_hosts(ipv6_first_hosts, [
        "python3", "-c", "import socket; print(socket.getaddrinfo('localhost', 1, "
        "type=socket.SOCK_DGRAM)[0][4][0])"]), capture_output=True, text=True, check=True)
    assert first.stdout.strip() == "::1"  # the premise
    port = free_udp_port()
    target = share / "default.txt"
    target.write_text("to localhost\n")
    with DaemonWithHosts(ipv6_first_hosts, workdir / "daemon", scanroots=[share],
                         udp_port=port):
        result = subprocess.run(with_hosts(ipv6_first_hosts, [
            env.PRESCAN, "--wait=30s", "--portnum", port, share]),
            capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stdout + result.stderr
        wait_for_marker(target)


def test_module_sends_to_an_ipv6_scanhost(workdir, share_dir, vfs_module):
    port = free_udp_port()
    (share_dir / "six.txt").write_text("asked for over ipv6\n")
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share_dir], udp_port=port,
                           extra_args=["--listen", "::1"]):
        with SmbServer(workdir / "smbd", {"s": module_share(
                share_dir, domain_socket="no", scanhost="::1", portnum=port)}) as smbd:
            result = get(smbd, "s", "six.txt", workdir / "six")
            assert result.returncode == 0, result.stdout + result.stderr
