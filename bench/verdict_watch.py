"""When did each file get its verdict? inotify on the corpus directories.

Polling thousands of marker paths would steal CPU from the daemon being
measured on a 2-core machine; inotify reports each `.scanned:`/`.virus:`/
`.failed:` entry the moment the daemon creates or renames it."""
import ctypes
import os
import pathlib
import select
import struct
import time

IN_CREATE = 0x100
IN_MOVED_TO = 0x80
IN_NONBLOCK = 0o4000
IN_CLOEXEC = 0o2000000
PREFIXES = (".scanned:", ".virus:", ".failed:")
_EVENT = struct.Struct("iIII")

_libc = ctypes.CDLL(None, use_errno=True)


def _check(result):
    if result < 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno))
    return result


class VerdictWatch:
    def __init__(self, directories):
        self.fd = _check(_libc.inotify_init1(IN_NONBLOCK | IN_CLOEXEC))
        self.dirs = {}
        self.verdicts = {}  # file path -> (monotonic time, prefix)
        self.add_directories(directories)

    def add_directories(self, directories):
        for d in directories:
            wd = _check(_libc.inotify_add_watch(self.fd, str(d).encode(),
                                                IN_CREATE | IN_MOVED_TO))
            self.dirs[wd] = pathlib.Path(d)

    def _drain(self, timeout):
        """Records the verdicts that arrive within timeout; returns their files."""
        if not select.select([self.fd], [], [], timeout)[0]:
            return []
        now = time.monotonic()
        try:
            data = os.read(self.fd, 1 << 20)
        except BlockingIOError:
            return []
        recorded = []
        offset = 0
        while offset < len(data):
            wd, _mask, _cookie, length = _EVENT.unpack_from(data, offset)
            offset += _EVENT.size
            name = data[offset:offset + length].rstrip(b"\0").decode(errors="replace")
            offset += length
            path = self._record(self.dirs.get(wd), name, now)
            if path is not None:
                recorded.append(path)
        return recorded

    def _record(self, directory, name, now):
        for prefix in PREFIXES:
            if directory is not None and name.startswith(prefix):
                path = directory / name[len(prefix):]
                self.verdicts.setdefault(path, (now, prefix))
                return path
        return None

    def poll(self):
        """Records the verdicts that have arrived, without waiting."""
        while self._drain(0):
            pass

    def wait_for(self, paths, timeout):
        """Waits until every path has a verdict; returns the latest time.
        Raises TimeoutError naming how many are missing."""
        deadline = time.monotonic() + timeout
        paths = [pathlib.Path(p) for p in paths]
        # A set shrunk per wakeup: rescanning thousands of pending paths on
        # every event would take CPU from the daemon under measurement.
        pending = {p for p in paths if p not in self.verdicts}
        while pending:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{len(pending)} files got no verdict in {timeout}s, "
                                   f"e.g. {next(iter(pending))}")
            for path in self._drain(min(left, 0.5)):
                pending.discard(path)
        return max(self.verdicts[p][0] for p in paths)

    def close(self):
        os.close(self.fd)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
