"""Opens for reading and writing: smbd truncates an overwritten file only
after opening it, so such opens of unscanned files succeed, but nothing of
the unscanned content can be read through them (nor what they write, until
it is scanned: test_vfs_handle_guarantee.py)."""
import errno
import os

import pytest

from harness.samba import SmbServer
from harness.vfs import denied, get, mark_scanned, module_share, smbc_context, smbc_url


def serve(workdir, share):
    return SmbServer(workdir / "smbd", {"s": module_share(
        share, recheck_tries_open="1", recheck_time_open="10ms",
        socketname="/nonexistent/scan")})


@pytest.fixture
def unscanned(share_dir):
    path = share_dir / "unscanned.txt"
    path.write_text("unscanned secret\n")
    os.chmod(path, 0o666)
    return path


def test_read_write_open_cannot_read_unscanned_content(workdir, share_dir, vfs_module,
                                                       unscanned):
    with serve(workdir, share_dir) as smbd:
        ctx = smbc_context()
        f = ctx.open(smbc_url(smbd, "s", unscanned.name), os.O_RDWR)
        with pytest.raises(Exception) as raised:
            f.read(100)
        assert raised.value.args[0] == errno.EACCES
        f.close()


def test_read_write_open_of_scanned_file_reads(workdir, share_dir, vfs_module, unscanned):
    mark_scanned(unscanned)
    with serve(workdir, share_dir) as smbd:
        f = smbc_context().open(smbc_url(smbd, "s", unscanned.name), os.O_RDWR)
        assert f.read(100) == b"unscanned secret\n"
        f.close()


def test_overwrite_of_unscanned_file_works_but_reads_back_only_once_scanned(
        workdir, share_dir, vfs_module, unscanned):
    """What a handle wrote is new content like any other: without the
    daemon no verdict comes, so reading it back is denied too."""
    with serve(workdir, share_dir) as smbd:
        f = smbc_context().open(smbc_url(smbd, "s", unscanned.name),
                                os.O_RDWR | os.O_TRUNC)
        f.write(b"replaced\n")
        f.seek(0)
        with pytest.raises(Exception) as raised:
            f.read(100)
        assert raised.value.args[0] == errno.EACCES
        f.close()
        assert unscanned.read_text() == "replaced\n"


def test_put_over_unscanned_file_then_get_is_denied(workdir, share_dir, vfs_module, unscanned):
    upload = workdir / "upload.txt"
    upload.write_text("new upload\n")
    with serve(workdir, share_dir) as smbd:
        smbd.smbclient("s", f'put "{upload}" "{unscanned.name}"', check=True)
        assert unscanned.read_text() == "new upload\n"
        assert denied(get(smbd, "s", unscanned.name, workdir / "got"))
