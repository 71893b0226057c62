"""Clients cannot create, open, rename onto or delete names with a reserved
prefix, so no marker can be forged or removed through the share.

The default prefixes contain ':', which SMB clients read as a stream
separator; prefixes without it show that the module itself refuses."""
import os

import pytest

from harness.samba import SmbServer
from harness.vfs import listing, mark_scanned, module_share

PREFIX_SETS = {
    "default": {},
    "plain": {"pref_scanned": "ok_", "pref_virus": "bad_", "pref_failed": "err_"},
}


@pytest.fixture(params=sorted(PREFIX_SETS))
def prefixes(request):
    chosen = PREFIX_SETS[request.param]
    return {"scanned": chosen.get("pref_scanned", ".scanned:"),
            "virus": chosen.get("pref_virus", ".virus:"),
            "failed": chosen.get("pref_failed", ".failed:"),
            "options": chosen}


def serve(workdir, share, prefixes):
    return SmbServer(workdir / "smbd", {"s": module_share(
        share, recheck_tries_open="1", recheck_time_open="10ms",
        socketname="/nonexistent/scan", **prefixes["options"])})


def failed(result):
    return result.returncode != 0 or "NT_STATUS_" in result.stdout + result.stderr


def test_reserved_names_cannot_be_created(workdir, share_dir, vfs_module, prefixes):
    local = workdir / "local.txt"
    local.write_text("forged\n")
    with serve(workdir, share_dir, prefixes) as smbd:
        assert not failed(smbd.smbclient("s", f'put "{local}" "plain.txt"'))  # the control
        for kind in ("scanned", "virus", "failed"):
            name = prefixes[kind] + "x"
            assert failed(smbd.smbclient("s", f'put "{local}" "{name}"')), name
            assert failed(smbd.smbclient("s", f'mkdir "{name}d"')), name
            assert not (share_dir / name).exists()
            assert not (share_dir / f"{name}d").exists()


def test_reserved_names_cannot_be_opened_or_deleted(workdir, share_dir, vfs_module, prefixes):
    (share_dir / "a.txt").write_text("a\n")
    marker = mark_scanned(share_dir / "a.txt", prefix=prefixes["scanned"])
    with serve(workdir, share_dir, prefixes) as smbd:
        assert set(listing(smbd, "s")) == {"a.txt"}
        assert failed(smbd.smbclient("s", f'get "{marker.name}" "{workdir / "m"}"'))
        assert not (workdir / "m").exists()
        assert failed(smbd.smbclient("s", f'del "{marker.name}"'))
        assert marker.exists()


def test_rename_onto_a_reserved_name_is_refused(workdir, share_dir, vfs_module, prefixes):
    (share_dir / "a.txt").write_text("a\n")
    mark_scanned(share_dir / "a.txt", prefix=prefixes["scanned"])
    forged = prefixes["scanned"] + "evil.txt"
    with serve(workdir, share_dir, prefixes) as smbd:
        assert failed(smbd.smbclient("s", f'rename "a.txt" "{forged}"'))
        assert (share_dir / "a.txt").exists()
        assert not (share_dir / forged).exists()
        assert "a.txt" in listing(smbd, "s")


def test_hard_link_onto_a_reserved_name_is_refused(workdir, share_dir, vfs_module, prefixes):
    (share_dir / "a.txt").write_text("a\n")
    os.chmod(share_dir / "a.txt", 0o666)  # protected_hardlinks: the guest may link it
    forged = prefixes["scanned"] + "a-link.txt"
    with serve(workdir, share_dir, prefixes) as smbd:
        assert not failed(smbd.smbclient("s", 'hardlink "a.txt" "b.txt"'))  # the control
        assert (share_dir / "b.txt").exists()
        assert failed(smbd.smbclient("s", f'hardlink "a.txt" "{forged}"'))
        assert not (share_dir / forged).exists()
