"""Markers on a filesystem with 1-second timestamps (ext4 made with
`mkfs.ext4 -I 128`, like ext3 and some network and FUSE filesystems): new
files get markers the module accepts, and a change within the second of the
file's last one is never hidden behind a marker (markers.hpp,
until_settled). Runs on a loop-mounted image; skipped where loop devices
are unavailable."""
import os
import shutil
import subprocess
import time

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.samba import SmbServer
from harness.signatures import EICAR
from harness.verdicts import SCANNED, VIRUS, marker_path, wait_for_marker
from harness.vfs import get, module_share

DEFERRED = "changed within its timestamp granule, scanned in "


@pytest.fixture
def coarse_share(workdir):
    if not shutil.which("mkfs.ext4"):
        pytest.skip("mkfs.ext4 (e2fsprogs) is not installed")
    image, mount = workdir / "coarse.img", workdir / "coarse"
    mount.mkdir()
    with open(image, "wb") as f:
        f.truncate(32 << 20)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-I", "128", str(image)], check=True)
    result = subprocess.run(["mount", "-o", "loop", str(image), str(mount)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot loop-mount a filesystem here: {result.stderr.strip()}")
    try:
        share = mount / "share"
        share.mkdir()
        os.chmod(share, 0o777)
        probe = share / "probe"
        probe.write_bytes(b"")
        assert probe.stat().st_ctime_ns % 1_000_000_000 == 0, "timestamps are not whole seconds"
        probe.unlink()
        yield share
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def start_of_a_second():
    """Sleeps until just after a second begins, so that what follows has
    most of a second within the same timestamp."""
    time.sleep(1.05 - time.time() % 1)


def test_new_files_get_markers_the_module_accepts(workdir, coarse_share, vfs_module):
    names = [f"new{i}.txt" for i in range(10)]
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[coarse_share]) as d:
        for name in names:
            (coarse_share / name).write_text(f"{name}\n")
            d.request(coarse_share / name)  # at once: within the file's second
        for name in names:
            wait_for_marker(coarse_share / name, timeout=20)
        assert "cannot mark" not in d.log_text()
        assert d.log_text().count(DEFERRED) >= 1
        for name in names:
            path = coarse_share / name
            assert marker_path(path).stat().st_ctime > path.stat().st_ctime, name
        with SmbServer(workdir / "smbd", {"s": module_share(coarse_share,
                                                            socketname=d.socket_path)}) as smbd:
            for name in names:
                result = get(smbd, "s", name, workdir / name)
                assert result.returncode == 0, result.stdout + result.stderr
                assert (workdir / name).read_text() == f"{name}\n"


def test_a_change_in_the_same_second_is_scanned_not_hidden(workdir, coarse_share):
    # Same size, same second: to a stat, the second version looks like the
    # first. The daemon must not vouch for it having read only the first.
    path = coarse_share / "report.txt"
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[coarse_share]) as d:
        start_of_a_second()
        path.write_bytes(b"x" * len(EICAR))
        d.request(path)
        wait_until(lambda: f"{DEFERRED}" in d.log_text(), 5, what="the daemon deferring the scan")
        with open(path, "r+b") as f:
            f.write(EICAR)
        wait_for_marker(path, VIRUS, timeout=20)
        assert not marker_path(path, SCANNED).exists()
