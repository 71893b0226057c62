"""Debian's clamd, started in the foreground with a private configuration.

It is the peer the benchmarks measure scannedonlyd against, and the scanner
behind Samba's vfs_virusfilter. It runs as the invoking user (no `User`
line), so it can read whatever the tests create."""
import pathlib
import subprocess

from .net import wait_until
from .process import ManagedProcess


class Clamd:
    def __init__(self, workdir, database, max_threads=4, tcp_port=None, settings=()):
        self.workdir = pathlib.Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        # smbd's children (guest user) connect too: the directory must be
        # traversable and the socket writable for everyone.
        self.workdir.chmod(0o755)
        self.socket_path = self.workdir / "clamd.sock"
        self.conf = self.workdir / "clamd.conf"
        self.database = pathlib.Path(database)
        self.max_threads = max_threads
        # A loopback TCP socket besides the unix one, and further
        # clamd.conf lines (StreamMaxLength, say).
        self.tcp_port = tcp_port
        self.settings = list(settings)
        self.process = None

    def write_config(self):
        d = self.workdir
        self.conf.write_text("\n".join([
            f"LocalSocket {self.socket_path}",
            "LocalSocketMode 666",
            f"DatabaseDirectory {self.database}",
            f"MaxThreads {self.max_threads}",
            # clamdscan --multiscan --fdpass keeps many requests in flight.
            "MaxQueue 200",
            "Foreground yes",
            f"LogFile {d / 'clamd.log'}",
            f"PidFile {d / 'clamd.pid'}",
            f"TemporaryDirectory {d}",
            # The benchmark reloads nothing; a self-check would only add noise.
            "SelfCheck 3600",
            "ConcurrentDatabaseReload no",
        ] + ([f"TCPSocket {self.tcp_port}", "TCPAddr 127.0.0.1"] if self.tcp_port else [])
          + self.settings) + "\n")

    def start(self, timeout=180):
        self.write_config()
        self.process = ManagedProcess(["clamd", f"--config-file={self.conf}"],
                                      self.workdir / "clamd.out")
        try:
            wait_until(lambda: self.ping() or not self.process.alive(), timeout,
                       interval=0.2, what="clamd PONG")
        except TimeoutError:
            self.stop()
            raise
        if not self.process.alive():
            raise RuntimeError("clamd exited at start:\n" + self.log_text()[-4000:])
        return self

    def ping(self):
        return subprocess.run(["clamdscan", f"--config-file={self.conf}", "--ping", "1"],
                              capture_output=True).returncode == 0

    def clamdscan(self, *paths, timeout=600):
        """Scans as the benchmark's peer: in parallel over one session,
        passing file descriptors. Exit status 1 means viruses were found."""
        return subprocess.run(
            ["clamdscan", f"--config-file={self.conf}", "--multiscan", "--fdpass",
             "--no-summary", "--infected", *map(str, paths)],
            capture_output=True, text=True, timeout=timeout)

    @property
    def pid(self):
        return self.process.proc.pid

    def stop(self):
        if self.process:
            self.process.stop()

    def log_text(self):
        path = self.workdir / "clamd.log"
        text = path.read_text(errors="replace") if path.exists() else ""
        return text + (self.process.log_text() if self.process else "")

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
