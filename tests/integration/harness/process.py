"""Processes a test starts, and stops again however the test ends."""
import os
import signal
import subprocess
import time


class ManagedProcess:
    """A child in its own session, so stop() also ends everything it forked
    (smbd forks a child per connection and starts samba-dcerpcd)."""

    def __init__(self, argv, log_path, env=None, **popen_args):
        self.argv = argv
        self.log_path = log_path
        self._log = open(log_path, "ab")
        self.proc = subprocess.Popen(argv, stdout=self._log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, start_new_session=True,
                                     env=env, **popen_args)

    def alive(self):
        return self.proc.poll() is None

    def signal(self, signum):
        self.proc.send_signal(signum)

    def stop(self, timeout=10):
        if self.proc.poll() is None:
            self._killpg(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._killpg(signal.SIGKILL)
                self.proc.wait(timeout)
        # Children of the session that outlive the leader.
        self._killpg(signal.SIGKILL)
        self._log.close()
        return self.proc.returncode

    def _killpg(self, signum):
        try:
            os.killpg(self.proc.pid, signum)
        except ProcessLookupError:
            pass

    def log_text(self):
        with open(self.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def wait_for_log(self, needle, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if needle in self.log_text():
                return True
            if not self.alive():
                break
            time.sleep(0.05)
        raise TimeoutError(f"{self.argv[0]}: {needle!r} not logged within {timeout}s:\n"
                           + self.log_text()[-4000:])
