"""What the module sends: batched datagrams from listings, one request per
denied open, and a request when a written file is closed. A socket of the
test stands in for the daemon, to see every datagram."""
import os
import socket
import threading
import time

import pytest

from harness.samba import SmbServer
from harness.vfs import denied, get, listing, module_share


class Receiver:
    """Reads all the time, as the daemon does: a full socket queue drops
    datagrams (the module never blocks on a busy daemon)."""

    def __init__(self, path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        os.chmod(self.path, 0o666)  # smbd sends as the guest user
        self.sock.settimeout(0.1)
        self.received = []
        self.last = time.monotonic()
        self.running = True
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while self.running:
            try:
                self.received.append(self.sock.recv(65536).decode())
                self.last = time.monotonic()
            except socket.timeout:
                pass

    def datagrams(self, settle=0.5, timeout=10):
        """Every datagram so far, once none came for `settle` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() - self.last < settle and time.monotonic() < deadline:
            time.sleep(0.05)
        return list(self.received)

    def close(self):
        self.running = False
        self.thread.join(2)
        self.sock.close()


@pytest.fixture
def receiver(workdir):
    r = Receiver(workdir / "scan.sock")
    yield r
    r.close()


def serve(workdir, share, receiver, **options):
    return SmbServer(workdir / "smbd", {"s": module_share(
        share, socketname=receiver.path, recheck_tries_readdir="0", **options)})


def test_listing_sends_batches_not_one_datagram_per_file(workdir, share_dir, vfs_module,
                                                         receiver):
    names = [f"unscanned-file-with-a-long-name-{i:04d}.txt" for i in range(300)]
    for name in names:
        (share_dir / name).write_text("x\n")
    with serve(workdir, share_dir, receiver) as smbd:
        assert len(listing(smbd, "s")) == 300
        datagrams = receiver.datagrams(settle=1)
    paths = [p for d in datagrams for p in d.splitlines()]
    assert sorted(paths) == sorted(str(share_dir / n) for n in names)
    assert all(len(d.encode()) <= 1450 and d.endswith("\n") for d in datagrams)
    assert len(datagrams) < 30, len(datagrams)  # 300 paths, about 20 datagrams


def test_denied_open_sends_the_file(workdir, share_dir, vfs_module, receiver):
    (share_dir / "sub").mkdir()
    (share_dir / "sub" / "a.txt").write_text("a\n")
    with serve(workdir, share_dir, receiver, recheck_tries_open="1") as smbd:
        assert denied(get(smbd, "s", "sub/a.txt", workdir / "a"))
        # Marked open: the daemon scans it before any backlog.
        assert f"open:{share_dir}/sub/a.txt\n" in receiver.datagrams()


def test_closing_a_written_file_sends_it(workdir, share_dir, vfs_module, receiver):
    upload = workdir / "upload.txt"
    upload.write_text("new content\n")
    with serve(workdir, share_dir, receiver) as smbd:
        smbd.smbclient("s", f'put "{upload}" "up.txt"', check=True)
        assert f"{share_dir}/up.txt\n" in receiver.datagrams()


def test_scanned_and_reserved_entries_are_not_sent(workdir, share_dir, vfs_module, receiver):
    (share_dir / "empty.txt").write_bytes(b"")
    (share_dir / ".virus:x").write_text("x")
    os.mkfifo(share_dir / "fifo")
    with serve(workdir, share_dir, receiver) as smbd:
        listing(smbd, "s")
        assert receiver.datagrams() == []


def test_smbd_internal_scans_neither_ask_nor_wait(workdir, share_dir, vfs_module, receiver):
    """Creating a file makes smbd scan the directory for a case-insensitive
    match; that scan must not wait for the unscanned files it passes."""
    (share_dir / "unscanned.txt").write_text("x\n")
    upload = workdir / "upload.txt"
    upload.write_text("new\n")
    with SmbServer(workdir / "smbd", {"s": module_share(
            share_dir, socketname=receiver.path, recheck_tries_readdir="100",
            recheck_time_readdir="50ms")}) as smbd:
        started = time.monotonic()
        smbd.smbclient("s", f'put "{upload}" "New.txt"', check=True)
        assert time.monotonic() - started < 3  # a listing would wait 5 s
        assert f"{share_dir}/unscanned.txt\n" not in receiver.datagrams()


def test_unreachable_daemon_is_logged_once(workdir, share_dir, vfs_module):
    for name in ("a.txt", "b.txt", "c.txt"):
        (share_dir / name).write_text("x\n")
    with SmbServer(workdir / "smbd", {"s": module_share(
            share_dir, socketname=workdir / "absent.sock", recheck_tries_open="1")}) as smbd:
        result = smbd.smbclient("s", f'get a.txt {workdir / "a"}; get b.txt {workdir / "b"}; '
                                     f'get c.txt {workdir / "c"}')
        assert result.stdout.count("NT_STATUS_ACCESS_DENIED") == 3, result.stdout
        assert smbd.log_text().count("cannot reach scannedonlyd") == 1


def test_rename_of_an_unscanned_file_sends_the_new_name(workdir, share_dir, vfs_module,
                                                        receiver):
    (share_dir / "old.txt").write_text("x\n")
    with serve(workdir, share_dir, receiver) as smbd:
        smbd.smbclient("s", 'rename "old.txt" "new.txt"', check=True)
        assert f"{share_dir}/new.txt\n" in receiver.datagrams()


def test_listing_wait_is_bounded_once_per_listing(workdir, share_dir, vfs_module, receiver):
    """50 unscanned files and a daemon that never answers: the listing waits
    its tries x time once, not once per file."""
    for i in range(50):
        (share_dir / f"f{i}.txt").write_text("x\n")
    with SmbServer(workdir / "smbd", {"s": module_share(
            share_dir, socketname=receiver.path, recheck_tries_readdir="10",
            recheck_time_readdir="100ms")}) as smbd:
        started = time.monotonic()
        assert len(listing(smbd, "s")) == 50
        elapsed = time.monotonic() - started
        assert 1.0 <= elapsed < 4, elapsed
