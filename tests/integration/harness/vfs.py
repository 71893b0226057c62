"""Helpers for the VFS module's tests: shares with the module, markers made
by hand (as the daemon makes them), and smbclient listings parsed."""
import os
import pathlib
import re
import time

from .verdicts import SCANNED, marker_path

# "  name   A   123  Sun Nov 22 01:00:00 2026"; names may contain spaces.
# Attributes are letters: smbclient 4.22 shows a special file's reparse
# point as a lower-case "r".
_LS_LINE = re.compile(r"^  (.+?)\s+([A-Za-z]*)\s+(\d+)\s+\w{3} \w{3} [ \d]\d [\d:]{8} \d{4}$")


def module_share(path, **options):
    """A guest-writable share with vfs_scannedonly; options are scannedonly:*."""
    share = {"path": path, "guest ok": "yes", "read only": "no",
             "vfs objects": "scannedonly"}
    share.update({f"scannedonly:{k}": v for k, v in options.items()})
    return share


def mark_scanned(path, owner=0, prefix=SCANNED):
    """Writes the marker as the daemon does (scannedonly::file_access): group
    the file's inode number, then mtime set to now, which gives ctime the
    same instant, until that ctime is strictly newer than the file's."""
    path = pathlib.Path(path)
    marker = marker_path(path, prefix)
    marker.write_bytes(b"")
    os.chown(marker, owner, path.stat().st_ino & 0xFFFFFFFF)
    deadline = time.monotonic() + 2
    os.utime(marker)
    while marker.stat().st_ctime_ns <= path.stat().st_ctime_ns:
        if time.monotonic() > deadline:
            raise TimeoutError(f"ctime of {marker} does not move")
        time.sleep(0.005)
        os.utime(marker)
    return marker


def listing(smbd, share, directory=""):
    """{name: size} of a directory as a client sees it (without . and ..)."""
    command = f'cd "{directory}"; ls' if directory else "ls"
    result = smbd.smbclient(share, command, check=True)
    entries = {}
    for line in result.stdout.splitlines():
        match = _LS_LINE.match(line)
        if match and match.group(1) not in (".", ".."):
            entries[match.group(1)] = int(match.group(3))
    return entries


def get(smbd, share, name, destination):
    """Downloads a file; returns smbclient's result (check returncode)."""
    return smbd.smbclient(share, f'get "{name}" "{destination}"')


def denied(result):
    return result.returncode != 0 and "NT_STATUS_ACCESS_DENIED" in (result.stdout + result.stderr)


def smbc_url(smbd, share, name):
    """libsmbclient (python3-smbc) opens with any open(2) flags, which
    smbclient's commands cannot."""
    return f"smb://127.0.0.1:{smbd.port}/{share}/{name}"


def smbc_context():
    import smbc
    ctx = smbc.Context(auth_fn=lambda *args: ("", "guest", ""))
    ctx.optionNoAutoAnonymousLogin = False
    return ctx
