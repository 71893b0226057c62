"""Proof that vfs/scannedonly.so loads into Debian's own smbd."""
from harness.samba import SmbServer
from harness.vfs import mark_scanned


def test_share_with_module_lists_and_serves_files(workdir, share_dir, vfs_module):
    share = share_dir
    (share / "hello.txt").write_text("hello from scannedonly\n")
    mark_scanned(share / "hello.txt")
    with SmbServer(workdir / "smbd", {"demo": {"path": share, "guest ok": "yes",
                                               "read only": "no",
                                               "vfs objects": "scannedonly"}},
                   debug_level=10) as smbd:
        listing = smbd.smbclient("demo", "ls", check=True)
        assert "hello.txt" in listing.stdout
        fetched = workdir / "fetched.txt"
        smbd.smbclient("demo", f"get hello.txt {fetched}", check=True)
        assert fetched.read_text() == "hello from scannedonly\n"
        assert "share [demo] connected" in smbd.log_text()


def test_unknown_module_name_is_refused(workdir, share_dir, vfs_module):
    """The control: a share naming a module smbd cannot load is not served,
    so the positive test above shows our module was really loaded."""
    share = share_dir
    with SmbServer(workdir / "smbd", {"demo": {"path": share, "guest ok": "yes",
                                               "vfs objects": "scannedonly_missing"}}) as smbd:
        result = smbd.smbclient("demo", "ls")
        assert result.returncode != 0
