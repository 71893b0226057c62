"""The real scannedonlyd binary, started by a test in the foreground.

Readiness comes through systemd's notify protocol: the harness listens on
its own NOTIFY_SOCKET and waits for READY=1, which the daemon sends once the
signature database is loaded."""
import os
import pathlib
import socket
import threading
import time

from . import env
from .activation import activated
from .process import ManagedProcess
from .signatures import write_test_database


class ScannedonlyDaemon:
    def __init__(self, workdir, scanroots=(), extra_args=(), udp_port=None, database=None,
                 inherited_socket=None):
        """inherited_socket: a bound socket passed as systemd's socket
        activation passes it (harness.activation), instead of the daemon
        binding scan.sock itself."""
        self.workdir = pathlib.Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.inherited_socket = inherited_socket
        self.socket_path = pathlib.Path(inherited_socket.getsockname()) if inherited_socket \
            else self.workdir / "scan.sock"
        self.control_path = self.workdir / "control.sock"
        self.virus_log = self.workdir / "virus.log"
        self.stamp_path = self.workdir / "signatures"
        self.udp_port = udp_port
        self.database = pathlib.Path(database) if database else write_test_database(
            self.workdir / "db")
        self.scanroots = [str(r) for r in scanroots]
        self.extra_args = list(extra_args)
        self.process = None
        self._notifications = NotificationReader()

    def argv(self):
        argv = [str(env.DAEMON), "--foreground", "--loglevel", "3",
                "--database", str(self.database),
                "--pidfile", str(self.workdir / "scannedonlyd.pid"),
                "--viruslog", str(self.virus_log),
                "--control-socket", str(self.control_path),
                "--signature-stamp-file", str(self.stamp_path),
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
        self._notifications.listen(notify_path)
        argv, environment = self.argv(), dict(os.environ, NOTIFY_SOCKET=str(notify_path))
        popen_args = {}
        if self.inherited_socket:
            argv, environment, popen_args = activated(argv, environment, self.inherited_socket)
        self.process = ManagedProcess(argv, self.workdir / "scannedonlyd.log", env=environment,
                                      **popen_args)
        self.wait_for_notify("READY=1", timeout)
        return self

    def wait_for_notify(self, field, timeout):
        """Waits for a notification carrying field, newer than the last one
        this returned."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            # A daemon that has exited may have sent the field on its way out
            # (STOPPING=1): what it sent is read before its exit counts.
            exited = not self.process.alive()
            message = self._notifications.next(timeout=NotificationReader.POLL * 3 if exited
                                               else 0.2)
            if message is None:
                if exited:
                    raise RuntimeError("scannedonlyd exited:\n"
                                       + self.process.log_text()[-4000:])
                continue
            if field in message.split("\n"):
                return message
        raise TimeoutError(f"scannedonlyd sent no {field} within {timeout}s:\n"
                           + self.process.log_text()[-4000:])

    def pause_notifications(self, paused=True):
        """Stops (or resumes) reading NOTIFY_SOCKET, as a stalled systemd would."""
        self._notifications.pause(paused)

    def send(self, payload: bytes):
        """Sends one raw datagram, as the VFS module does."""
        if self.udp_port is not None:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.sendto(payload, ("127.0.0.1", self.udp_port))
        else:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                s.sendto(payload, str(self.socket_path))

    def control(self, command, framing="z", timeout=10):
        """Sends one clamd-style command on the control socket and returns the
        reply without its delimiter."""
        delimiter = b"\0" if framing == "z" else b"\n"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(str(self.control_path))
            s.sendall(framing.encode() + command.encode() + delimiter)
            reply = b""
            while not reply.endswith(delimiter):
                chunk = s.recv(65536)
                if not chunk:
                    break
                reply += chunk
        return reply.removesuffix(delimiter).decode(errors="replace")

    def stamp(self):
        """The published signature stamp: the stamp file's mtime."""
        return self.stamp_path.stat().st_mtime_ns // 1_000_000_000

    def request(self, *paths):
        self.send("".join(f"{p}\n" for p in paths).encode())

    def stop(self):
        code = self.process.stop() if self.process else None
        self._notifications.close()
        return code

    def log_text(self):
        return self.process.log_text() if self.process else ""

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class NotificationReader:
    """NOTIFY_SOCKET's receiving end, read all the time as systemd reads it:
    a unix datagram socket holds only net.unix.max_dgram_qlen (10) unread
    messages, and a daemon sending STATUS= lines to a full one blocks in
    sd_notify."""
    POLL = 0.05

    def __init__(self):
        self._socket = None
        self._thread = None
        self._messages = []
        self._taken = 0
        self._arrived = threading.Condition()
        self._closing = threading.Event()
        self._reading = threading.Event()
        self._reading.set()

    def listen(self, path):
        self.close()  # a restarted daemon gets a fresh socket
        self._closing.clear()
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self._socket.bind(str(path))
        self._socket.settimeout(self.POLL)
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def pause(self, paused):
        if paused:
            self._reading.clear()
        else:
            self._reading.set()

    def _read(self):
        while not self._closing.is_set():
            if not self._reading.wait(self.POLL):
                continue
            try:
                data = self._socket.recv(4096)
            except socket.timeout:
                continue
            with self._arrived:
                self._messages.append(data.decode(errors="replace"))
                self._arrived.notify_all()

    def next(self, timeout):
        """The oldest message not yet returned, or None after timeout."""
        with self._arrived:
            if not self._arrived.wait_for(lambda: self._taken < len(self._messages), timeout):
                return None
            self._taken += 1
            return self._messages[self._taken - 1]

    def close(self):
        if self._thread:
            self._reading.set()
            self._closing.set()
            self._thread.join()
            self._socket.close()
            self._thread = None
