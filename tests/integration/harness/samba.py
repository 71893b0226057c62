"""A real smbd on a free loopback port with its own config and state dirs."""
import pathlib
import subprocess

from .net import free_tcp_port, tcp_port_open, wait_until
from .process import ManagedProcess

_STATE_DIRS = ("private", "lock", "state", "cache", "pid", "ncalrpc", "binddns", "log")


class SmbServer:
    def __init__(self, workdir, shares, global_options=None, debug_level=2):
        """shares: {name: {smb.conf option: value}}; 'path' is required."""
        self.workdir = pathlib.Path(workdir)
        self.shares = shares
        self.global_options = global_options or {}
        self.debug_level = debug_level
        self.port = free_tcp_port()
        self.conf = self.workdir / "smb.conf"
        self.process = None

    def _global_section(self):
        d = self.workdir
        options = {
            "server role": "standalone server",
            "smb ports": str(self.port),
            "interfaces": "127.0.0.1",
            "bind interfaces only": "yes",
            "private dir": d / "private",
            "lock directory": d / "lock",
            "state directory": d / "state",
            "cache directory": d / "cache",
            "pid directory": d / "pid",
            "ncalrpc dir": d / "ncalrpc",
            "binddns dir": d / "binddns",
            "log file": d / "log" / "log.%m",
            "passdb backend": f"tdbsam:{d / 'private' / 'passdb.tdb'}",
            "map to guest": "Bad User",
            "guest account": "nobody",
            "load printers": "no",
            "printing": "bsd",
            "printcap name": "/dev/null",
            "disable spoolss": "yes",
            "disable netbios": "yes",
            "server min protocol": "SMB2",
            "usershare path": "",
        }
        options.update(self.global_options)
        return options

    def write_config(self):
        lines = ["[global]"]
        lines += [f"    {k} = {v}" for k, v in self._global_section().items()]
        for name, options in self.shares.items():
            lines.append(f"[{name}]")
            lines += [f"    {k} = {v}" for k, v in options.items()]
        self.conf.write_text("\n".join(lines) + "\n")

    def start(self, timeout=30):
        for sub in _STATE_DIRS:
            (self.workdir / sub).mkdir(parents=True, exist_ok=True)
        self.write_config()
        self.process = ManagedProcess(
            ["smbd", "--foreground", "--no-process-group", "--debug-stdout",
             f"--debuglevel={self.debug_level}", f"--configfile={self.conf}"],
            self.workdir / "smbd.log")
        try:
            wait_until(lambda: tcp_port_open(self.port) or not self.process.alive(),
                       timeout, what=f"smbd on port {self.port}")
        except TimeoutError:
            self.stop()
            raise
        if not self.process.alive():
            raise RuntimeError("smbd exited at start:\n" + self.process.log_text()[-4000:])
        return self

    def stop(self):
        if self.process:
            self.process.stop()

    def log_text(self):
        return self.process.log_text() if self.process else ""

    def smbclient(self, share, command, timeout=60, check=False):
        """Runs smbclient -c COMMAND as guest; returns CompletedProcess."""
        result = subprocess.run(
            ["smbclient", f"//127.0.0.1/{share}", "--port", str(self.port), "-N",
             f"--configfile={self.conf}", "-c", command],
            capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"smbclient {command!r} failed ({result.returncode}):\n"
                                 f"{result.stdout}\n{result.stderr}")
        return result

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
