"""A handle is judged for its whole life, not once at its open: whatever
another client or a local user writes into a file after a handle was
opened, that handle reads it only once the daemon has found it clean.
Two client connections at once (libsmbclient), the real daemon, EICAR;
each read path smbd has: asynchronous (pread_send), synchronous (pread)
and sendfile."""
import errno
import multiprocessing
import os
import random
import time

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.samba import SmbServer
from harness.signatures import EICAR
from harness.verdicts import VIRUS, marker_path, wait_for_marker
from harness.vfs import module_share, smbc_context, smbc_url

READ_PATHS = {
    "aio": {},
    "sync": {"aio read size": "0"},
    "sendfile": {"aio read size": "0", "use sendfile": "yes"},
}

CLEAN = b"clean text, scanned before anyone opened it\n"


@pytest.fixture
def daemon(workdir, share_dir):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share_dir]) as d:
        yield d


def serve(workdir, share, daemon, read_path="aio", **options):
    options.setdefault("socketname", daemon.socket_path)
    settings = module_share(share, **options)
    settings.update(READ_PATHS[read_path])
    return SmbServer(workdir / "smbd", {"s": settings})


def scanned_file(daemon, path, content=CLEAN):
    path.write_bytes(content)
    os.chmod(path, 0o666)
    daemon.request(path)
    wait_for_marker(path)
    return path


def assert_read_denied(handle):
    handle.seek(0)
    try:
        data = handle.read(4096)
    except Exception as error:  # smbc raises its own classes, errno first
        assert error.args[0] == errno.EACCES, error
        return
    pytest.fail(f"the read was served: {data[:80]!r}")


@pytest.mark.parametrize("read_path", READ_PATHS)
@pytest.mark.parametrize("start", ["create", "truncate"])
def test_handle_opened_while_empty_never_reads_what_is_written_after(
        workdir, share_dir, vfs_module, daemon, read_path, start):
    """A creates up.bin (or truncates a scanned file), B opens it while it
    is empty, A writes EICAR and closes, the daemon renames the file."""
    target = share_dir / "up.bin"
    if start == "truncate":
        scanned_file(daemon, target)
    with serve(workdir, share_dir, daemon, read_path) as smbd:
        url = smbc_url(smbd, "s", target.name)
        writer = smbc_context().open(url, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o666)
        reader = smbc_context().open(url, os.O_RDONLY)  # empty: nothing to scan
        writer.write(EICAR)
        writer.close()
        wait_for_marker(target, VIRUS)
        assert_read_denied(reader)
        reader.close()


@pytest.mark.parametrize("read_path", READ_PATHS)
@pytest.mark.parametrize("writer", ["smb", "local"])
def test_handle_on_a_scanned_file_never_reads_eicar_written_in_place(
        workdir, share_dir, vfs_module, daemon, read_path, writer):
    """EICAR over the first bytes of a scanned file: the size stays, and
    reads within it are ones smbd would serve by sendfile."""
    content = CLEAN * 1000
    target = scanned_file(daemon, share_dir / "doc.txt", content)
    with serve(workdir, share_dir, daemon, read_path) as smbd:
        url = smbc_url(smbd, "s", target.name)
        reader = smbc_context().open(url, os.O_RDONLY)
        assert reader.read(4096) == content[:4096]
        if writer == "smb":
            other = smbc_context().open(url, os.O_RDWR)
            other.write(EICAR)
            other.close()
        else:
            with open(target, "r+b") as local:
                local.write(EICAR)
            daemon.request(target)
        wait_for_marker(target, VIRUS)
        assert_read_denied(reader)
        reader.close()


def test_writer_reads_back_its_own_content_once_scanned(workdir, share_dir, vfs_module,
                                                        daemon):
    with serve(workdir, share_dir, daemon) as smbd:
        handle = smbc_context().open(smbc_url(smbd, "s", "new.txt"),
                                     os.O_CREAT | os.O_RDWR | os.O_TRUNC, 0o666)
        handle.write(CLEAN)
        handle.seek(0)
        assert handle.read(4096) == CLEAN  # the read asked for a scan and waited
        assert marker_path(share_dir / "new.txt").exists()
        handle.close()


def test_handle_keeps_reading_a_file_renamed_under_it(workdir, share_dir, vfs_module, daemon):
    """A rename changes the file's ctime, not its content: the handle finds
    the verdict beside the file's new name."""
    target = scanned_file(daemon, share_dir / "before.txt")
    with serve(workdir, share_dir, daemon) as smbd:
        reader = smbc_context().open(smbc_url(smbd, "s", target.name), os.O_RDONLY)
        assert reader.read(4096) == CLEAN
        renamed = share_dir / "after.txt"
        os.rename(target, renamed)  # a local user's rename: the marker stays behind
        reader.seek(0)
        assert reader.read(4096) == CLEAN
        assert marker_path(renamed).exists()
        reader.close()


def open_and_read(url, results):
    try:
        handle = smbc_context().open(url, os.O_RDONLY)
        results.put(("read", handle.read(4096)))
    except Exception as error:
        results.put(("error", error.args[0]))


def test_open_waiting_for_a_scan_never_gets_an_infected_file_renamed_away(
        workdir, share_dir, vfs_module, daemon):
    """While an open waits for the scan of EICAR, the daemon renames the
    file to .virus:NAME and a clean file takes NAME and is scanned: its
    verdict must not let the waiting open through to the renamed file."""
    target = share_dir / "x.com"
    target.write_bytes(EICAR)
    with serve(workdir, share_dir, daemon, recheck_tries_open="100",
               recheck_time_open="50ms") as smbd:
        spawn = multiprocessing.get_context("spawn")
        results = spawn.Queue()
        opener = spawn.Process(target=open_and_read,
                               args=(smbc_url(smbd, "s", target.name), results))
        opener.start()  # its open asks for the scan, then waits
        wait_for_marker(target, VIRUS, timeout=4)
        target.write_bytes(CLEAN)
        daemon.request(target)
        wait_for_marker(target)
        outcome = results.get(timeout=30)
        opener.join(10)
        assert outcome == ("error", errno.EACCES), outcome


def upload_forever(url, stop, uploads):
    """Uploads EICAR again and again, holding each new file empty for a
    random moment first, as a slow client's upload does."""
    ctx = smbc_context()
    pause = random.Random(1)
    while not stop.is_set():
        try:
            handle = ctx.open(url, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o666)
        except Exception:
            continue
        time.sleep(pause.uniform(0, 0.003))
        handle.write(EICAR)
        handle.close()
        with uploads.get_lock():
            uploads.value += 1


def flip_forever(path, stop, flips):
    """A local user, not root, turns the file into EICAR and back to empty
    as fast as the kernel lets it: many times within one ctime tick."""
    os.setgid(65534)
    os.setuid(65534)
    while not stop.is_set():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o666)
        for _ in range(1000):
            os.pwrite(fd, EICAR, 0)
            os.ftruncate(fd, 0)
        os.close(fd)
        with flips.get_lock():
            flips.value += 1000


class Race:
    """A writer process (writer(target, stop, counter)) against a reader
    that opens the file again and again and reads through each handle. The
    file is only ever empty or EICAR, which never gets a verdict: a handle
    that opens at all opened it empty, and whatever it reads is EICAR's."""

    def __init__(self, writer, target):
        spawn = multiprocessing.get_context("spawn")
        self.stop, self.writes = spawn.Event(), spawn.Value("l", 0)
        self.process = spawn.Process(target=writer, args=(target, self.stop, self.writes))
        self.reads = 0
        self.reads_denied = 0  # the write came after the handle's open
        self.leaked = []

    def run(self, url, seconds, enough, reads_per_open, pause, tidy=lambda: None):
        """Until `enough` reads were denied, one leaked, or `seconds` passed."""
        self.process.start()
        reader, deadline = smbc_context(), time.monotonic() + seconds
        try:
            while (time.monotonic() < deadline and not self.leaked
                   and self.reads_denied < enough):
                tidy()
                try:
                    handle = reader.open(url, os.O_RDONLY)
                except Exception:
                    continue  # not there, or EICAR: denied at the open
                try:
                    for _ in range(reads_per_open):
                        self.read_twice(handle, pause())
                finally:
                    handle.close()
        finally:
            self.stop.set()
            self.process.join(30)
        assert not self.leaked, f"{len(self.leaked)} reads served {self.leaked[0][:80]!r}"

    def read_twice(self, handle, pause):
        for wait in (0, pause):
            time.sleep(wait)
            handle.seek(0)
            self.reads += 1
            try:
                data = handle.read(4096)
            except Exception as error:
                assert error.args[0] == errno.EACCES, error
                self.reads_denied += 1
                return
            if data:
                self.leaked.append(data)
                return


def clear_renamed_uploads(share_dir):
    """The daemon gives up after .virus:up.bin.999: an administrator's
    clean-up of what it renamed, now and then."""
    renamed = list(share_dir.glob(VIRUS + "up.bin*"))
    if len(renamed) >= 500:
        for path in renamed:
            path.unlink(missing_ok=True)


def test_upload_race_never_serves_eicar_to_a_reader(workdir, share_dir, vfs_module, daemon):
    """One client uploads EICAR over and over while another opens the file
    and reads in a loop: the window between an upload's create and its
    write must never let EICAR through."""
    target = share_dir / "up.bin"
    with serve(workdir, share_dir, daemon, recheck_tries_open="2",
               recheck_time_open="10ms") as smbd:
        url = smbc_url(smbd, "s", target.name)
        race, pause = Race(upload_forever, url), random.Random(2)
        race.run(url, seconds=45, enough=1000, reads_per_open=1,
                 pause=lambda: pause.uniform(0, 0.003),
                 tidy=lambda: clear_renamed_uploads(share_dir))
        # The race was run: readers held empty uploads whose content then came.
        assert race.reads_denied >= 100 and race.writes.value >= 100, vars(race)
        wait_until(lambda: daemon.virus_log.exists() and str(target) in
                   daemon.virus_log.read_text(), 20, what="an upload in the virus log")


def test_local_writer_flipping_a_file_never_gets_eicar_to_a_reader(workdir, share_dir,
                                                                   vfs_module):
    """A handle opened while the file is empty reads again and again while
    a local user writes EICAR and truncates it away. A check before the
    read, or a stat alone after it, would pass some of EICAR's bytes: the
    stat can look the same when both happen within one ctime tick. No
    daemon: nothing may be scanned, every non-empty read is EICAR's."""
    target = share_dir / "flip.bin"
    target.write_bytes(b"")
    os.chmod(target, 0o666)
    with SmbServer(workdir / "smbd", {"s": module_share(
            share_dir, recheck_tries_open="0", socketname="/nonexistent/scan")}) as smbd:
        race = Race(flip_forever, str(target))
        race.run(smbc_url(smbd, "s", target.name), seconds=30, enough=2000,
                 reads_per_open=20, pause=lambda: 0)
        assert race.reads_denied >= 100 and race.writes.value >= 100_000, vars(race)
