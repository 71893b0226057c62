"""Listings and opens with hand-made markers: markers never listed, unscanned
files hidden, shown as placeholders or listed, and never readable."""
import os

from harness.samba import SmbServer
from harness.verdicts import FAILED, VIRUS
from harness.vfs import denied, get, listing, mark_scanned, module_share

# No daemon here: keep the denied opens' wait short.
FAST = {"recheck_tries_open": "2", "recheck_time_open": "10ms",
        "recheck_tries_readdir": "1", "recheck_time_readdir": "10ms",
        "socketname": "/nonexistent/scan"}


def populate(share):
    (share / "scanned.txt").write_text("scanned content\n")
    mark_scanned(share / "scanned.txt")
    (share / "unscanned.txt").write_text("unscanned content\n")
    (share / "empty.txt").write_bytes(b"")
    (share / ".virus:bad.exe").write_text("quarantined\n")
    (share / ".failed:odd.bin").write_text("")
    (share / "sub").mkdir()
    os.chmod(share / "sub", 0o777)


def serve(workdir, share, **options):
    return SmbServer(workdir / "smbd", {"s": module_share(share, **{**FAST, **options})})


def test_default_shows_placeholders_and_never_markers(workdir, share_dir, vfs_module):
    populate(share_dir)
    with serve(workdir, share_dir) as smbd:
        names = listing(smbd, "s")
        assert names == {"scanned.txt": 16, "empty.txt": 0, "sub": 0,
                         "unscanned.txt is being scanned for viruses": 0}
        placeholder = get(smbd, "s", "unscanned.txt is being scanned for viruses",
                          workdir / "p")
        assert denied(placeholder), placeholder.stdout + placeholder.stderr
        info = smbd.smbclient("s", 'allinfo "unscanned.txt is being scanned for viruses"')
        assert info.returncode == 0 and "stream: [::$DATA], 0 bytes" in info.stdout, info.stdout


def test_scanned_and_empty_files_are_served_unscanned_denied(workdir, share_dir, vfs_module):
    populate(share_dir)
    with serve(workdir, share_dir) as smbd:
        assert get(smbd, "s", "scanned.txt", workdir / "a").returncode == 0
        assert (workdir / "a").read_text() == "scanned content\n"
        assert get(smbd, "s", "empty.txt", workdir / "b").returncode == 0
        result = get(smbd, "s", "unscanned.txt", workdir / "c")
        assert denied(result), result.stdout + result.stderr


def test_hidden_without_scanning_message(workdir, share_dir, vfs_module):
    populate(share_dir)
    with serve(workdir, share_dir, scanning_message="") as smbd:
        assert set(listing(smbd, "s")) == {"scanned.txt", "empty.txt", "sub"}


def test_listed_but_denied_with_hide_nonscanned_files_no(workdir, share_dir, vfs_module):
    populate(share_dir)
    with serve(workdir, share_dir, hide_nonscanned_files="no") as smbd:
        assert set(listing(smbd, "s")) == {"scanned.txt", "empty.txt", "sub", "unscanned.txt"}
        assert denied(get(smbd, "s", "unscanned.txt", workdir / "c"))


def test_stale_marker_does_not_count(workdir, share_dir, vfs_module):
    """A marker older than the file's last change is stale: the content
    changed after the scan."""
    populate(share_dir)
    with open(share_dir / "scanned.txt", "a") as f:
        f.write("changed after the scan\n")
    with serve(workdir, share_dir) as smbd:
        assert denied(get(smbd, "s", "scanned.txt", workdir / "a"))
        assert "scanned.txt" not in listing(smbd, "s")


def test_marker_of_untrusted_owner_is_ignored(workdir, share_dir, vfs_module):
    """A user with shell access could create a marker directly on disk."""
    (share_dir / "forged.txt").write_text("not scanned\n")
    mark_scanned(share_dir / "forged.txt", owner=65534)
    with serve(workdir, share_dir) as smbd:
        assert "forged.txt" not in listing(smbd, "s")
        assert denied(get(smbd, "s", "forged.txt", workdir / "f"))


def test_reserved_entries_not_listed_in_subdirectories(workdir, share_dir, vfs_module):
    sub = share_dir / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text("a\n")
    mark_scanned(sub / "a.txt")
    (sub / f"{VIRUS}x").write_text("x")
    (sub / f"{FAILED}y").write_text("")
    with serve(workdir, share_dir) as smbd:
        assert listing(smbd, "s", "sub") == {"a.txt": 2}
        assert get(smbd, "s", "sub/a.txt", workdir / "a").returncode == 0


def test_special_files_follow_show_special_files(workdir, share_dir, vfs_module):
    os.mkfifo(share_dir / "fifo")
    with serve(workdir, share_dir) as smbd:
        assert "fifo" in listing(smbd, "s")
    with serve(workdir / "2", share_dir, show_special_files="no") as smbd:
        assert "fifo" not in listing(smbd, "s")


def test_old_mtime_does_not_hide_a_newer_change(workdir, share_dir, vfs_module):
    """Samba 4.17 reports ctime with st_mtime's seconds; an old mtime set
    after the scan must still make the marker stale."""
    populate(share_dir)
    os.utime(share_dir / "scanned.txt", (1_000_000_000, 1_000_000_000))
    with serve(workdir, share_dir) as smbd:
        assert denied(get(smbd, "s", "scanned.txt", workdir / "a"))


def test_marker_of_the_configured_daemon_user_is_trusted(workdir, share_dir, vfs_module):
    (share_dir / "a.txt").write_text("scanned by a non-root daemon\n")
    mark_scanned(share_dir / "a.txt", owner=65534)  # nobody
    with serve(workdir, share_dir, daemon_user="nobody") as smbd:
        assert "a.txt" in listing(smbd, "s")
        assert get(smbd, "s", "a.txt", workdir / "a").returncode == 0


def test_deleting_a_placeholder_deletes_the_unscanned_file(workdir, share_dir, vfs_module):
    populate(share_dir)
    with serve(workdir, share_dir) as smbd:
        smbd.smbclient("s", 'del "unscanned.txt is being scanned for viruses"', check=True)
        assert not (share_dir / "unscanned.txt").exists()
        assert (share_dir / "scanned.txt").exists()
        assert "unscanned.txt is being scanned for viruses" not in listing(smbd, "s")


def test_renaming_a_placeholder_renames_the_unscanned_file(workdir, share_dir, vfs_module):
    populate(share_dir)
    with serve(workdir, share_dir) as smbd:
        smbd.smbclient("s", 'rename "unscanned.txt is being scanned for viruses" "later.txt"',
                       check=True)
        assert (share_dir / "later.txt").read_text() == "unscanned content\n"
        assert not (share_dir / "unscanned.txt").exists()
        assert "later.txt is being scanned for viruses" in listing(smbd, "s")
