"""Named streams (streams_xattr stacked below, alone or with fruit as macOS
clients need it) are judged with their base file: the daemon scans the
file and every stream stored with it, so stream content is never served
unscanned."""
import os

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.samba import SmbServer
from harness.signatures import EICAR, EICAR_NAME
from harness.verdicts import VIRUS, wait_for_marker
from harness.vfs import denied, get, mark_scanned, module_share

STACKS = ["scannedonly streams_xattr", "scannedonly fruit streams_xattr"]


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


def serve_with_daemon(workdir, share_dir, stack):
    daemon = ScannedonlyDaemon(workdir / "daemon", scanroots=[share_dir])
    options = module_share(share_dir, socketname=daemon.socket_path)
    options["vfs objects"] = stack
    return daemon, SmbServer(workdir / "smbd", {"s": options})


@pytest.mark.parametrize("stack", STACKS)
def test_infected_stream_of_a_scanned_file_is_never_served(workdir, share_dir, vfs_module,
                                                            stack):
    doc, eicar = workdir / "doc.txt", workdir / "eicar.com"
    doc.write_text("a clean document\n")
    eicar.write_bytes(EICAR)
    daemon, server = serve_with_daemon(workdir, share_dir, stack)
    with daemon, server as smbd:
        smbd.smbclient("s", f'put "{doc}" doc.txt', check=True)
        assert get(smbd, "s", "doc.txt", workdir / "first").returncode == 0  # scanned clean
        smbd.smbclient("s", f'put "{eicar}" "doc.txt:payload"', check=True)
        result = get(smbd, "s", "doc.txt:payload", workdir / "stolen")
        assert result.returncode != 0 and not (workdir / "stolen").exists(), result.stdout
        # The daemon found EICAR in the stream and took the whole file away.
        wait_for_marker(share_dir / "doc.txt", prefix=VIRUS)
        assert "in extended attribute user.DosStream.payload:$DATA" in daemon.log_text()
        assert EICAR_NAME in daemon.virus_log.read_text()
        later = get(smbd, "s", "doc.txt:payload", workdir / "later")
        assert later.returncode != 0 and not (workdir / "later").exists(), later.stdout


@pytest.mark.parametrize("stack", STACKS)
def test_clean_streams_are_served_after_their_scan(workdir, share_dir, vfs_module, stack):
    """What Windows (Zone.Identifier) and macOS clients store keeps working."""
    doc, zone = workdir / "doc.txt", workdir / "zone"
    doc.write_text("a clean document\n")
    zone.write_text("[ZoneTransfer]\r\nZoneId=3\r\n")
    daemon, server = serve_with_daemon(workdir, share_dir, stack)
    with daemon, server as smbd:
        smbd.smbclient("s", f'put "{doc}" doc.txt', check=True)
        smbd.smbclient("s", f'put "{zone}" "doc.txt:Zone.Identifier"', check=True)
        result = get(smbd, "s", "doc.txt:Zone.Identifier", workdir / "zone-back")
        assert result.returncode == 0, result.stdout + result.stderr
        assert (workdir / "zone-back").read_text() == zone.read_text()
        assert f"clean: {share_dir}/doc.txt" in daemon.log_text()


def test_share_with_streams_depot_is_refused(workdir, share_dir, vfs_module):
    """streams_depot keeps streams apart from the file the daemon scans."""
    options = module_share(share_dir, socketname="/nonexistent/scan")
    options["vfs objects"] = "scannedonly streams_depot"
    with SmbServer(workdir / "smbd", {"s": options}) as smbd:
        result = smbd.smbclient("s", "ls")
        assert result.returncode != 0 and "tree connect failed" in result.stdout + result.stderr
        assert "share [s] refused: streams_depot" in smbd.log_text()
