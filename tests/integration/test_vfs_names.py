"""Rename, delete and rmdir through the share: the marker follows its file,
goes with it, and leftover reserved entries do not block rmdir."""
import os

from harness.samba import SmbServer
from harness.verdicts import VIRUS, marker_path
from harness.vfs import denied, get, listing, mark_scanned, module_share

FAST = {"recheck_tries_open": "1", "recheck_time_open": "10ms",
        "socketname": "/nonexistent/scan"}


def serve(workdir, share, **options):
    return SmbServer(workdir / "smbd", {"s": module_share(share, **{**FAST, **options})})


def writable_dir(parent, name):
    """A directory guests may remove entries of."""
    path = parent / name
    path.mkdir()
    os.chmod(path, 0o777)
    return path


def test_rename_keeps_a_scanned_file_readable(workdir, share_dir, vfs_module):
    (share_dir / "a.txt").write_text("scanned\n")
    mark_scanned(share_dir / "a.txt")
    (share_dir / "sub").mkdir()
    os.chmod(share_dir / "sub", 0o777)
    with serve(workdir, share_dir) as smbd:
        for _ in range(5):  # renames often fall in one ctime tick
            smbd.smbclient("s", 'rename "a.txt" "b.txt"', check=True)
            smbd.smbclient("s", 'rename "b.txt" "a.txt"', check=True)
        smbd.smbclient("s", 'rename "a.txt" "sub/c.txt"', check=True)
        assert not marker_path(share_dir / "a.txt").exists()
        marker = marker_path(share_dir / "sub" / "c.txt")
        assert marker.stat().st_uid == 0
        assert marker.stat().st_ctime_ns > (share_dir / "sub" / "c.txt").stat().st_ctime_ns
        assert listing(smbd, "s", "sub") == {"c.txt": 8}
        assert get(smbd, "s", "sub/c.txt", workdir / "c").returncode == 0


def test_rename_of_unscanned_file_stays_unreadable(workdir, share_dir, vfs_module):
    (share_dir / "a.txt").write_text("scanned\n")
    mark_scanned(share_dir / "a.txt")
    (share_dir / "new.txt").write_text("not scanned\n")
    with serve(workdir, share_dir, hide_nonscanned_files="no") as smbd:
        smbd.smbclient("s", 'rename "new.txt" "a.txt" -f', check=True)
        assert denied(get(smbd, "s", "a.txt", workdir / "a"))


def test_delete_removes_the_marker(workdir, share_dir, vfs_module):
    (share_dir / "a.txt").write_text("scanned\n")
    marker = mark_scanned(share_dir / "a.txt")
    with serve(workdir, share_dir) as smbd:
        smbd.smbclient("s", 'del "a.txt"', check=True)
        assert not marker.exists()


def test_rmdir_removes_leftover_reserved_entries(workdir, share_dir, vfs_module):
    gone = writable_dir(share_dir, "gone")
    (gone / "a.txt").write_text("scanned\n")
    mark_scanned(gone / "a.txt")
    os.rename(gone / "a.txt", gone / f"{VIRUS}a.txt")
    with serve(workdir, share_dir) as smbd:
        assert listing(smbd, "s", "gone") == {}
        smbd.smbclient("s", 'rmdir "gone"', check=True)
        assert not gone.exists()


def test_rmdir_keeps_directories_with_hidden_unscanned_files(workdir, share_dir, vfs_module):
    kept = writable_dir(share_dir, "kept")
    (kept / "unscanned.txt").write_text("not scanned\n")
    with serve(workdir, share_dir, scanning_message="") as smbd:
        assert listing(smbd, "s", "kept") == {}
        result = smbd.smbclient("s", 'rmdir "kept"')
        assert "NT_STATUS_DIRECTORY_NOT_EMPTY" in result.stdout + result.stderr
        assert (kept / "unscanned.txt").exists()


def test_rmdir_without_cleanup_option(workdir, share_dir, vfs_module):
    kept = writable_dir(share_dir, "kept")
    (kept / f"{VIRUS}x").write_text("x")
    with serve(workdir, share_dir, rm_hidden_files_on_rmdir="no") as smbd:
        result = smbd.smbclient("s", 'rmdir "kept"')
        assert "NT_STATUS_DIRECTORY_NOT_EMPTY" in result.stdout + result.stderr
        assert (kept / f"{VIRUS}x").exists()


def test_rmdir_removes_hidden_special_files(workdir, share_dir, vfs_module):
    """With show_special_files = no a fifo or socket is as hidden as a
    marker: the original removed it with the directory."""
    import socket
    gone = writable_dir(share_dir, "gone")
    os.mkfifo(gone / "pipe")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(str(gone / "sock"))
    (gone / f"{VIRUS}x").write_text("x")
    with serve(workdir, share_dir, show_special_files="no") as smbd:
        assert listing(smbd, "s", "gone") == {}
        smbd.smbclient("s", 'rmdir "gone"', check=True)
        assert not gone.exists()


def test_rmdir_keeps_special_files_that_are_shown(workdir, share_dir, vfs_module):
    kept = writable_dir(share_dir, "kept")
    os.mkfifo(kept / "pipe")
    with serve(workdir, share_dir) as smbd:  # show_special_files = yes
        assert "pipe" in listing(smbd, "s", "kept")
        result = smbd.smbclient("s", 'rmdir "kept"')
        assert "NT_STATUS_DIRECTORY_NOT_EMPTY" in result.stdout + result.stderr
        assert (kept / "pipe").exists()
