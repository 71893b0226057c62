"""Share options: a bad value refuses the share with a clear log message
instead of serving files unprotected."""
import pytest

from harness.samba import SmbServer
from harness.vfs import listing, mark_scanned, module_share


@pytest.mark.parametrize("option, value", [
    ("recheck_tries_open", "many"),
    ("hide_nonscanned_files", "perhaps"),
    ("portnum", "70000"),
    ("pref_scanned", ".virus:"),
    ("daemon_user", "no-such-user-here"),
    ("hide_nonscaned_files", "no"),  # misspelt
])
def test_invalid_value_refuses_the_share(workdir, share_dir, vfs_module, option, value):
    (share_dir / "a.txt").write_text("a\n")
    with SmbServer(workdir / "smbd", {"s": module_share(share_dir, **{option: value})}) as smbd:
        result = smbd.smbclient("s", "ls")
        assert result.returncode != 0
        assert "a.txt" not in result.stdout
        smbd.process.wait_for_log("share [s] refused: ")
        assert f"scannedonly:{option}" in smbd.log_text()


def test_valid_values_are_served(workdir, share_dir, vfs_module):
    (share_dir / "a.txt").write_text("a\n")
    mark_scanned(share_dir / "a.txt")
    options = {"recheck_tries_open": "3", "recheck_time_open": "20ms",
               "recheck_size_open": "1M", "hide_nonscanned_files": "No",
               "domain_socket": "no", "portnum": "2021", "scanhost": "127.0.0.1",
               "daemon_user": "nobody"}
    with SmbServer(workdir / "smbd", {"s": module_share(share_dir, **options)}) as smbd:
        assert "a.txt" in listing(smbd, "s")


def test_custom_prefixes(workdir, share_dir, vfs_module):
    """With other prefixes, the default ones are ordinary names."""
    (share_dir / "a.txt").write_text("a\n")
    mark_scanned(share_dir / "a.txt", prefix="_ok_")
    (share_dir / ".scanned:b").write_text("")
    (share_dir / "_bad_c").write_text("")
    with SmbServer(workdir / "smbd", {"s": module_share(
            share_dir, pref_scanned="_ok_", pref_virus="_bad_", pref_failed="_err_")}) as smbd:
        names = listing(smbd, "s")
        # smbd shows ".scanned:b" under a mangled 8.3 name (':' is not allowed).
        assert len(names) == 2 and "a.txt" in names and "_bad_c" not in names, names


# Every option, each with a value other than its default where that shows.
EVERY_OPTION = {
    "domain_socket": "no", "socketname": "/run/elsewhere/scan", "portnum": "2021",
    "scanhost": "127.0.0.1", "show_special_files": "no", "rm_hidden_files_on_rmdir": "yes",
    "hide_nonscanned_files": "no", "scanning_message": "in the scanner",
    "recheck_time_open": "10ms", "recheck_tries_open": "2", "recheck_size_open": "1M",
    "recheck_time_readdir": "10ms", "recheck_tries_readdir": "2",
    "allow_nonscanned_files": "no", "pref_scanned": "_ok_", "pref_virus": "_bad_",
    "pref_failed": "_err_", "daemon_user": "nobody",
}


@pytest.mark.parametrize("spelling", ["scannedonly:{}", "scannedonly: {}", "ScannedOnly : {}"])
def test_every_option_in_every_spelling_samba_reads(workdir, share_dir, vfs_module, spelling):
    """The original documentation writes "scannedonly: domain_socket = False":
    Samba's own lookups ignore case and white space in the key, so must the
    module's check for unknown names."""
    (share_dir / "a.txt").write_text("a\n")
    mark_scanned(share_dir / "a.txt", prefix="_ok_")
    (share_dir / "new.txt").write_text("n\n")
    share = {"path": share_dir, "guest ok": "yes", "read only": "no",
             "vfs objects": "scannedonly"}
    share.update({spelling.format(k): v for k, v in EVERY_OPTION.items()})
    with SmbServer(workdir / "smbd", {"s": share}) as smbd:
        names = listing(smbd, "s")
        # The options were read: the prefix vouches for a.txt, and the
        # unscanned file is listed under its own name (by default it would
        # be "new.txt is being scanned for viruses").
        assert set(names) == {"a.txt", "new.txt"}, names


def test_a_misspelt_option_after_a_space_is_refused(workdir, share_dir, vfs_module):
    (share_dir / "a.txt").write_text("a\n")
    share = {"path": share_dir, "guest ok": "yes", "vfs objects": "scannedonly",
             "scannedonly: hide_nonscaned_files": "no"}
    with SmbServer(workdir / "smbd", {"s": share}) as smbd:
        assert smbd.smbclient("s", "ls").returncode != 0
        smbd.process.wait_for_log("share [s] refused: unknown option "
                                  "scannedonly:hide_nonscaned_files")
