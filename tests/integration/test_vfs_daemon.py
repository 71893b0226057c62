"""The module with the real scannedonlyd and libclamav: first listings ask
for scans, opens wait for them, infected files never get through, and the
module keeps enforcing while the daemon is down."""
import os
import time

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import free_udp_port, wait_until
from harness.samba import SmbServer
from harness.signatures import write_eicar, write_eicar_zip
from harness.verdicts import VIRUS, marker_path, wait_for_marker
from harness.vfs import denied, get, listing, mark_scanned, module_share

PLACEHOLDER = " is being scanned for viruses"


@pytest.fixture
def daemon(workdir, share_dir):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share_dir]) as d:
        yield d


def serve(workdir, share, daemon, **options):
    options.setdefault("socketname", daemon.socket_path)
    return SmbServer(workdir / "smbd", {"s": module_share(share, **options)})


def test_first_listing_asks_for_scans_a_later_one_shows_the_files(
        workdir, share_dir, vfs_module, daemon):
    for i in range(30):
        (share_dir / f"doc{i}.txt").write_text(f"document {i}\n" * 50)
    with serve(workdir, share_dir, daemon, recheck_tries_readdir="0") as smbd:
        first = listing(smbd, "s")
        assert len(first) == 30 and all(n.endswith(PLACEHOLDER) for n in first), first
        wait_until(lambda: all(marker_path(share_dir / f"doc{i}.txt").exists()
                               for i in range(30)), 30, what="markers of all files")
        assert set(listing(smbd, "s")) == {f"doc{i}.txt" for i in range(30)}


def test_listing_waits_once_for_quick_scans(workdir, share_dir, vfs_module, daemon):
    (share_dir / "quick.txt").write_text("quick\n")
    with serve(workdir, share_dir, daemon, scanning_message="",
               recheck_tries_readdir="100", recheck_time_readdir="50ms") as smbd:
        assert listing(smbd, "s") == {}  # hidden now, scanned during the wait
        assert marker_path(share_dir / "quick.txt").exists()
        assert listing(smbd, "s") == {"quick.txt": 6}


def test_clean_file_is_served_on_first_try(workdir, share_dir, vfs_module, daemon):
    (share_dir / "clean.txt").write_text("clean and small\n")
    with serve(workdir, share_dir, daemon) as smbd:
        result = get(smbd, "s", "clean.txt", workdir / "clean")
        assert result.returncode == 0, result.stdout + result.stderr
        assert (workdir / "clean").read_text() == "clean and small\n"


@pytest.mark.parametrize("make", [write_eicar, write_eicar_zip], ids=["eicar", "zip"])
def test_infected_file_is_never_served(workdir, share_dir, vfs_module, daemon, make):
    infected = make(share_dir / "setup.exe")
    with serve(workdir, share_dir, daemon) as smbd:
        assert denied(get(smbd, "s", "setup.exe", workdir / "got"))
        assert not (workdir / "got").exists()
        wait_for_marker(infected, VIRUS)
        warning = share_dir / "setup.exe.VIRUS-WARNING.txt"
        wait_for_marker(warning)
        names = listing(smbd, "s")
        assert list(names) == ["setup.exe.VIRUS-WARNING.txt"], names
        assert get(smbd, "s", warning.name, workdir / "w").returncode == 0


def test_rename_keeps_access_without_a_rescan(workdir, share_dir, vfs_module, daemon):
    (share_dir / "a.txt").write_text("scanned once\n")
    daemon.request(share_dir / "a.txt")
    wait_for_marker(share_dir / "a.txt")
    daemon.stop()
    with serve(workdir, share_dir, daemon, recheck_tries_open="1") as smbd:
        smbd.smbclient("s", 'rename "a.txt" "b.txt"', check=True)
        assert get(smbd, "s", "b.txt", workdir / "b").returncode == 0


def test_overwritten_file_is_unreadable_until_rescanned(workdir, share_dir, vfs_module, daemon):
    target = share_dir / "report.txt"
    target.write_text("first version\n")
    os.chmod(target, 0o666)
    daemon.request(target)
    wait_for_marker(target)
    daemon.stop()
    upload = workdir / "upload.txt"
    upload.write_text("second version\n")
    with serve(workdir, share_dir, daemon, recheck_tries_open="2") as smbd:
        smbd.smbclient("s", f'put "{upload}" "report.txt"', check=True)
        assert denied(get(smbd, "s", "report.txt", workdir / "r"))
        daemon.start()
        wait_until(lambda: get(smbd, "s", "report.txt", workdir / "r").returncode == 0, 30,
                   interval=0.2, what="report.txt served after its rescan")
        assert (workdir / "r").read_text() == "second version\n"


def test_infected_upload_is_never_served(workdir, share_dir, vfs_module, daemon):
    upload = write_eicar(workdir / "upload.txt")
    with serve(workdir, share_dir, daemon) as smbd:
        smbd.smbclient("s", f'put "{upload}" "fun.exe"', check=True)
        result = get(smbd, "s", "fun.exe", workdir / "got")
        assert result.returncode != 0 and not (workdir / "got").exists()
        wait_for_marker(share_dir / "fun.exe", VIRUS)


def test_daemon_down_keeps_enforcing_and_scanning_resumes(
        workdir, share_dir, vfs_module, daemon):
    (share_dir / "scanned.txt").write_text("scanned\n")
    mark_scanned(share_dir / "scanned.txt")
    (share_dir / "new.txt").write_text("new\n")
    daemon.stop()
    with serve(workdir, share_dir, daemon, recheck_tries_open="4",
               recheck_time_open="50ms") as smbd:
        assert denied(get(smbd, "s", "new.txt", workdir / "n"))
        assert get(smbd, "s", "scanned.txt", workdir / "s").returncode == 0
        assert "cannot reach scannedonlyd" in smbd.log_text()
        daemon.start()
        wait_until(lambda: get(smbd, "s", "new.txt", workdir / "n").returncode == 0, 30,
                   interval=0.2, what="new.txt served after the daemon is back")


def test_allow_nonscanned_files_serves_without_daemon(workdir, share_dir, vfs_module, daemon):
    (share_dir / "new.txt").write_text("new\n")
    daemon.stop()
    with serve(workdir, share_dir, daemon, allow_nonscanned_files="yes",
               recheck_tries_open="100", recheck_time_open="50ms") as smbd:
        assert "new.txt" in listing(smbd, "s")
        started = time.monotonic()
        assert get(smbd, "s", "new.txt", workdir / "n").returncode == 0
        assert time.monotonic() - started < 3  # served without waiting 5 s for a scan


def test_udp_mode(workdir, share_dir, vfs_module):
    port = free_udp_port()
    (share_dir / "u.txt").write_text("over udp\n")
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share_dir], udp_port=port):
        with SmbServer(workdir / "smbd", {"s": module_share(
                share_dir, domain_socket="no", scanhost="127.0.0.1", portnum=port)}) as smbd:
            result = get(smbd, "s", "u.txt", workdir / "u")
            assert result.returncode == 0, result.stdout + result.stderr


def test_large_file_is_not_waited_for_on_open(workdir, share_dir, vfs_module, daemon):
    big = share_dir / "big.bin"
    big.write_bytes(b"b" * 200 * 1024)  # above recheck_size_open (100 KB)
    with serve(workdir, share_dir, daemon) as smbd:
        assert denied(get(smbd, "s", "big.bin", workdir / "b"))  # asked, not waited for
        wait_for_marker(big)
        assert get(smbd, "s", "big.bin", workdir / "b").returncode == 0


def test_share_path_through_a_symlink(workdir, share_dir, vfs_module, daemon):
    """smbd canonicalizes the share path after connecting; scan requests
    must name the real directory, which the daemon's scan root holds."""
    link = workdir / "link-to-share"
    link.symlink_to(share_dir)
    (share_dir / "clean.txt").write_text("clean\n")
    with serve(workdir, link, daemon) as smbd:
        result = get(smbd, "s", "clean.txt", workdir / "clean")
        assert result.returncode == 0, result.stdout + result.stderr
