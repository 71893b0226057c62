"""The real scannedonlyd binary, started by a test in the foreground.

Readiness comes through systemd's notify protocol: the harness listens on
its own NOTIFY_SOCKET and waits for READY=1, which the daemon sends once the
signature database is loaded."""
import os
import pathlib
import socket
import time

from . import env
from .process import ManagedProcess
from .signatures import write_test_database


class ScannedonlyDaemon:
    def __init__(self, workdir, scanroots=(), extra_args=(), udp_port=None, database=None):
        self.workdir = pathlib.Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.socket_path = self.workdir / "scan.sock"
        self.virus_log = self.workdir / "virus.log"
        self.udp_port = udp_port
        self.database = pathlib.Path(database) if database else write_test_database(
            self.workdir / "db")
        self.scanroots = [str(r) for r in scanroots]
        self.extra_args = list(extra_args)
        self.process = None
        self._notify = None

    def argv(self):
        argv = [str(env.DAEMON), "--foreground", "--loglevel", "3",
                "--database", str(self.database),
                "--pidfile", str(self.workdir / "scannedonlyd.pid"),
                "--viruslog", str(self.virus_log),
                "--config", "/dev/null"]
        if self.udp_port is not None:
            argv += ["--portnum", str(self.udp_port)]
        else:
            argv += ["--socket", str(self.socket_path)]
        for root in self.scanroots:
            argv += ["--scanroot", root]
        return argv + self.extra_args

    def start(self, timeout=60):
        notify_path = self.workdir / "notify.sock"
        if notify_path.exists():
            notify_path.unlink()
        self._notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._notify.bind(str(notify_path))
        environment = dict(os.environ, NOTIFY_SOCKET=str(notify_path))
        self.process = ManagedProcess(self.argv(), self.workdir / "scannedonlyd.log",
                                      env=environment)
        self.wait_for_notify("READY=1", timeout)
        return self

    def wait_for_notify(self, field, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # A daemon that has exited may have sent the field on its way out
            # (STOPPING=1): what it sent is read before its exit counts.
            exited = not self.process.alive()
            self._notify.settimeout(0 if exited else 0.2)
            try:
                message = self._notify.recv(4096).decode(errors="replace")
            except (socket.timeout, BlockingIOError):
                if exited:
                    raise RuntimeError("scannedonlyd exited:\n"
                                       + self.process.log_text()[-4000:]) from None
                continue
            if field in message.split("\n"):
                return message
        raise TimeoutError(f"scannedonlyd sent no {field} within {timeout}s:\n"
                           + self.process.log_text()[-4000:])

    def send(self, payload: bytes):
        """Sends one raw datagram, as the VFS module does."""
        if self.udp_port is not None:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.sendto(payload, ("127.0.0.1", self.udp_port))
        else:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                s.sendto(payload, str(self.socket_path))

    def request(self, *paths):
        self.send("".join(f"{p}\n" for p in paths).encode())

    def stop(self):
        code = self.process.stop() if self.process else None
        if self._notify:
            self._notify.close()
        return code

    def log_text(self):
        return self.process.log_text() if self.process else ""

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
