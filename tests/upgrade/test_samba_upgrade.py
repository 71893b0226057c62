"""A Samba upgrade through apt never serves an unprotected share.

Runs only inside a fresh Debian 12 root (tests/upgrade/run.sh), where
scannedonly was installed with `cmake --install`: samba 4.17 serves a file
the real daemon scanned and hides one it did not; `apt-get install -t
bookworm-backports samba` brings 4.22, the installed apt hook rebuilds the
module, and the new smbd serves and hides the same files. In between, a
module built for the old Samba is put back to show what smbd does with it:
the share is refused, not served without the module."""
import os
import pathlib
import subprocess

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.prescan import run_prescan
from harness.samba import SmbServer
from harness.vfs import denied, get, listing, module_share

pytestmark = pytest.mark.skipif(os.environ.get("SCANNEDONLY_IN_TEST_ROOT") != "1",
                                reason="upgrades samba: only inside a test root")

STAMP = pathlib.Path("/var/lib/scannedonly/module-samba-version")
REBUILD_LOG = pathlib.Path("/var/log/scannedonly/module-rebuild.log")


def samba_package_version():
    return subprocess.run(["dpkg-query", "-W", "-f=${Version}", "samba"],
                          capture_output=True, text=True, check=True).stdout


def modulesdir():
    out = subprocess.run(["smbd", "-b"], capture_output=True, text=True, check=True).stdout
    return pathlib.Path(next(line.split(": ", 1)[1] for line in out.splitlines()
                             if line.strip().startswith("MODULESDIR:")))


def installed_module():
    return modulesdir() / "vfs" / "scannedonly.so"


def assert_protected(workdir, share, name):
    """Serves scanned.txt and neither lists nor serves unscanned.txt."""
    with SmbServer(workdir / name, {"data": module_share(share)}) as smbd:
        seen = listing(smbd, "data")
        assert "scanned.txt" in seen and "unscanned.txt" not in seen, seen
        fetched = workdir / f"{name}-scanned.txt"
        assert get(smbd, "data", "scanned.txt", fetched).returncode == 0
        assert fetched.read_text() == "scanned before the upgrade\n"
        assert denied(get(smbd, "data", "unscanned.txt", workdir / f"{name}-unscanned.txt"))


def test_upgrade_rebuilds_the_module_and_never_opens_the_share(workdir, share_dir):
    share = share_dir
    (share / "scanned.txt").write_text("scanned before the upgrade\n")
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as daemon:
        result = run_prescan("--wait=60s", "--socket", daemon.socket_path, share)
        assert result.returncode == 0, result.stdout + result.stderr
    assert (share / ".scanned:scanned.txt").exists()
    # Written with the daemon down: nothing will ever scan it in this test.
    (share / "unscanned.txt").write_text("never scanned\n")

    old_version = samba_package_version()
    assert old_version.startswith("2:4.17.")
    assert STAMP.read_text().strip() == old_version
    assert_protected(workdir, share, "before")
    old_module = workdir / "module-for-4.17.so"
    old_module.write_bytes(installed_module().read_bytes())

    upgrade = subprocess.run(
        ["apt-get", "install", "-y", "-q", "-t", os.environ["SCANNEDONLY_BACKPORTS"], "samba"],
        capture_output=True, text=True, timeout=2400,
        env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    output = upgrade.stdout + upgrade.stderr
    assert upgrade.returncode == 0, output[-6000:]
    new_version = samba_package_version()
    assert new_version.startswith("2:4.22."), new_version
    # The hook ran inside apt, said what it did, and recorded it.
    assert f"scannedonly: installed {installed_module()} for samba {new_version}" in output, \
        output[-6000:]
    assert STAMP.read_text().strip() == new_version
    assert f"rebuilding the VFS module for samba {new_version}" in REBUILD_LOG.read_text()
    assert_protected(workdir, share, "after")

    # What a failed rebuild leaves: the old module under the new smbd.
    current = installed_module().read_bytes()
    installed_module().write_bytes(old_module.read_bytes())
    with SmbServer(workdir / "stale", {"data": module_share(share)}) as smbd:
        refused = smbd.smbclient("data", "ls")
        assert refused.returncode != 0
        assert "scanned.txt" not in refused.stdout
        assert "tree connect failed" in refused.stdout + refused.stderr
        assert "scannedonly" in smbd.log_text()
    # Rebuilding by hand, as docs/installation.md says, opens it again.
    rebuilt = subprocess.run(["/usr/lib/scannedonly/rebuild-module"],
                             capture_output=True, text=True, timeout=2400)
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert installed_module().read_bytes() == current
    assert_protected(workdir, share, "rebuilt")
