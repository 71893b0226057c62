"""Named streams (with streams_xattr stacked below) are judged by their base
file: the daemon scans files, so a stream of an unscanned file is denied."""
import os

from harness.samba import SmbServer
from harness.vfs import denied, get, mark_scanned, module_share


def test_stream_follows_its_base_file(workdir, share_dir, vfs_module):
    base = share_dir / "a.txt"
    base.write_text("base\n")
    os.chmod(base, 0o666)
    payload = workdir / "payload.txt"
    payload.write_text("stream content\n")
    options = module_share(share_dir, recheck_tries_open="1", recheck_time_open="10ms",
                           socketname="/nonexistent/scan")
    options["vfs objects"] = "scannedonly streams_xattr"
    with SmbServer(workdir / "smbd", {"s": options}) as smbd:
        smbd.smbclient("s", f'put "{payload}" "a.txt:x"', check=True)
        assert denied(get(smbd, "s", "a.txt:x", workdir / "s1"))
        mark_scanned(base)
        result = get(smbd, "s", "a.txt:x", workdir / "s2")
        assert result.returncode == 0, result.stdout + result.stderr
        assert (workdir / "s2").read_text() == "stream content\n"
