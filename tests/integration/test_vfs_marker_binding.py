"""A marker vouches only for the file it was written for (issue 12, part 2).

A local user (shell, NFS) who can write a share directory without the
sticky bit can rename root's markers, and replace files by links. None of
that may make a marker vouch for other content: each attack ends with the
module asking the daemon, and the daemon's verdict, never the content."""
import os
import pwd
import subprocess
import time

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.prescan import run_prescan, sent_paths
from harness.samba import SmbServer
from harness.signatures import EICAR
from harness.verdicts import VIRUS, marker_path, wait_for_marker
from harness.vfs import get, mark_scanned, module_share

LOCAL_USER = "nobody"


def as_local_user(*argv):
    """Runs argv as an unprivileged local user, as a shell user would."""
    user = pwd.getpwnam(LOCAL_USER)
    subprocess.run(["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}",
                    "--clear-groups", "--", *argv], check=True)


@pytest.fixture
def daemon(workdir, share_dir):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share_dir]) as d:
        yield d


def serve(workdir, share, daemon, debug_level=2):
    return SmbServer(workdir / "smbd", {"s": module_share(share, socketname=daemon.socket_path)},
                     debug_level=debug_level)


def scanned_by_the_daemon(daemon, path):
    """A file the real daemon has judged clean."""
    daemon.request(path)
    return wait_for_marker(path)


def assert_judged_infected_not_served(workdir, smbd, share, name):
    result = get(smbd, "s", name, workdir / "fetched")
    assert result.returncode != 0 and not (workdir / "fetched").exists(), result.stdout
    # The module asked the daemon, which found EICAR: the marker was not trusted.
    wait_for_marker(share / name, prefix=VIRUS)
    assert not (share / name).exists()


def test_marker_renamed_onto_another_file_does_not_vouch(workdir, share_dir, vfs_module, daemon):
    (share_dir / "c.txt").write_text("clean\n")
    scanned_by_the_daemon(daemon, share_dir / "c.txt")
    evil = workdir / "eicar.com"
    evil.write_bytes(EICAR)
    as_local_user("cp", str(evil), str(share_dir / "evil.com"))
    as_local_user("mv", str(marker_path(share_dir / "c.txt")),
                  str(marker_path(share_dir / "evil.com")))
    # The prescan tool does not count it as scanned either.
    assert str(share_dir / "evil.com") in sent_paths(run_prescan("--dry-run", share_dir))
    with serve(workdir, share_dir, daemon) as smbd:
        assert_judged_infected_not_served(workdir, smbd, share_dir, "evil.com")


def test_marker_moved_away_and_back_after_a_change_does_not_vouch(
        workdir, share_dir, vfs_module, daemon):
    as_local_user("sh", "-c", f"echo clean > '{share_dir}/mine.txt'")
    scanned_by_the_daemon(daemon, share_dir / "mine.txt")
    marker = marker_path(share_dir / "mine.txt")
    evil = workdir / "eicar.com"
    evil.write_bytes(EICAR)
    # Overwrite in place, then give the marker a fresh ctime by moving it.
    as_local_user("cp", str(evil), str(share_dir / "mine.txt"))
    time.sleep(0.05)  # past the ctime tick of the write
    as_local_user("mv", str(marker), str(share_dir / "elsewhere"))
    as_local_user("mv", str(share_dir / "elsewhere"), str(marker))
    assert marker.stat().st_ctime_ns > (share_dir / "mine.txt").stat().st_ctime_ns
    with serve(workdir, share_dir, daemon) as smbd:
        assert_judged_infected_not_served(workdir, smbd, share_dir, "mine.txt")


def test_file_replaced_by_a_symlink_does_not_inherit_its_marker(
        workdir, share_dir, vfs_module, daemon):
    """The target's name can never be scanned (a newline), and it is older
    than the marker: before markers carried their inode, it was served."""
    os.mkdir(share_dir / "hide")
    (share_dir / "hide" / "evil\n").write_bytes(EICAR)
    (share_dir / "c2.txt").write_text("clean\n")
    scanned_by_the_daemon(daemon, share_dir / "c2.txt")
    as_local_user("rm", str(share_dir / "c2.txt"))
    as_local_user("ln", "-s", "hide/evil\n", str(share_dir / "c2.txt"))
    with serve(workdir, share_dir, daemon, debug_level=5) as smbd:
        result = get(smbd, "s", "c2.txt", workdir / "fetched")
        assert result.returncode != 0 and not (workdir / "fetched").exists(), result.stdout
        # The module judged the open and refused it. Samba 4.17 opens the
        # link's name (its old marker must not vouch for the target); 4.22
        # resolves the link and opens the target's (a name with a newline,
        # which has no marker and can never be sent for a scan).
        log = smbd.log_text()
        assert ("denied open of unscanned [c2.txt]" in log
                or "denied open of unscanned [hide/evil\n]" in log), log[-3000:]


def test_marker_of_an_earlier_version_is_rescanned(workdir, share_dir, vfs_module, daemon):
    """Markers without the inode (group 0) are never trusted: the file is
    scanned again, and then served."""
    (share_dir / "old.txt").write_text("from before the upgrade\n")
    marker = marker_path(share_dir / "old.txt")
    mark_scanned(share_dir / "old.txt")
    os.chown(marker, 0, 0)
    os.utime(marker)  # unmoved, newer than the file: all but the inode
    with serve(workdir, share_dir, daemon) as smbd:
        result = get(smbd, "s", "old.txt", workdir / "fetched")
        assert result.returncode == 0, result.stdout
        assert (workdir / "fetched").read_text() == "from before the upgrade\n"
    assert marker.stat().st_gid == (share_dir / "old.txt").stat().st_ino & 0xFFFFFFFF
    assert f"clean: {share_dir}/old.txt" in daemon.log_text()
