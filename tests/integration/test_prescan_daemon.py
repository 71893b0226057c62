"""scannedonly_prescan against the real scannedonlyd and libclamav, with
signatures generated at test time."""
import os
import pty
import signal
import subprocess
import time

import pytest

from harness import env
from harness.daemon import ScannedonlyDaemon
from harness.net import free_udp_port, wait_until
from harness.prescan import make_tree, run_prescan, sent_paths
from harness.signatures import write_eicar
from harness.verdicts import FAILED, VIRUS, marker_path

WARNING = ".VIRUS-WARNING.txt"


def marker_ctime(path):
    return os.lstat(marker_path(path)).st_ctime_ns


def start_daemon(workdir, root, extra_args=(), udp_port=None):
    return ScannedonlyDaemon(workdir / "daemon", scanroots=[root], extra_args=extra_args,
                             udp_port=udp_port)


@pytest.fixture
def tree_with_eicar(workdir):
    root = workdir / "tree"
    clean = make_tree(root, 300, depth=4)
    deep = root / "d0_2" / "d1_2" / "d2_2" / "d3_2" / "deeper"
    deep.mkdir(parents=True)
    eicar = write_eicar(deep / "eicar.com")
    return root, clean, eicar


def test_wait_finds_the_virus_deep_inside_and_marks_everything_else(workdir, tree_with_eicar):
    root, clean, eicar = tree_with_eicar
    with start_daemon(workdir, root) as daemon:
        first = run_prescan("--wait=120s", "--socket", daemon.socket_path, root)
        assert first.returncode == 1, first.stdout + first.stderr
        assert f"{eicar}: INFECTED" in first.stdout
        assert "seen 301, already scanned 0, sent 301, clean 300, infected 1, failed 0" \
            in first.stderr
        assert all(marker_path(f).is_file() for f in clean)
        assert (eicar.parent / f"{VIRUS}eicar.com").exists() and not eicar.exists()
        assert (eicar.parent / f"eicar.com{WARNING}").exists()

        # Everything has a verdict now: the second run has nothing to send.
        second = run_prescan("--wait=60s", "--socket", daemon.socket_path, root)
        assert second.returncode == 0, second.stderr
        assert "already scanned 301, sent 0" in second.stderr


def test_rescan_older_than_removes_and_recreates_markers(workdir):
    root = workdir / "tree"
    files = make_tree(root, 40, depth=2)
    with start_daemon(workdir, root) as daemon:
        assert run_prescan("--wait=60s", "-s", daemon.socket_path, root).returncode == 0
        before = {f: marker_ctime(f) for f in files}
        time.sleep(1.5)

        dry = run_prescan("--dry-run", "--rescan-older-than", "1s", root)
        assert dry.returncode == 0, dry.stderr
        assert {line for line in dry.stdout.splitlines() if line.startswith("remove ")} == \
            {f"remove {marker_path(f)}" for f in files}
        assert sent_paths(dry) == {str(f) for f in files}
        assert {f: marker_ctime(f) for f in files} == before, "--dry-run changed markers"

        fresh = run_prescan("--rescan-older-than", "1h", "--wait=60s", "-s", daemon.socket_path,
                            root)
        assert "sent 0" in fresh.stderr and "markers removed" not in fresh.stderr

        rescan = run_prescan("--rescan-older-than", "1s", "--wait=60s", "-s",
                             daemon.socket_path, root)
        assert rescan.returncode == 0, rescan.stderr
        assert f"clean {len(files)}" in rescan.stderr
        assert f"markers removed {len(files)}" in rescan.stderr
        assert all(marker_ctime(f) > before[f] for f in files)


def test_rescan_outdated_sends_what_predates_the_signatures_and_counts_it(workdir):
    root = workdir / "tree"
    files = make_tree(root, 40, depth=2)
    with start_daemon(workdir, root) as daemon:
        stamp = ["--signature-stamp-file", daemon.stamp_path]
        assert run_prescan("--wait=60s", "-s", daemon.socket_path, root).returncode == 0
        current = run_prescan("--rescan-outdated", *stamp, "--wait=60s", "-s",
                              daemon.socket_path, root)
        assert "already scanned 40, sent 0" in current.stderr, current.stderr
        assert "outdated" not in current.stderr

        before = daemon.stamp()
        (daemon.database / "extra.ndb").write_text("Scannedonly.Test.Extra:0:*:0badc0de0badc0de\n")
        daemon.process.signal(signal.SIGUSR2)
        wait_until(lambda: daemon.stamp() != before, 30, what="a new signature stamp")
        rescan = run_prescan("--rescan-outdated", *stamp, "--wait=60s", "-s",
                             daemon.socket_path, root)
        assert rescan.returncode == 0, rescan.stderr
        assert f"sent 40, clean 40" in rescan.stderr
        assert "outdated 40, outdated rescanned 40" in rescan.stderr
        assert all(os.lstat(marker_path(f)).st_atime_ns // 10**9 == daemon.stamp()
                   for f in files)
        assert "bulk" in daemon.log_text().split("signature database reloaded", 1)[1]
        status = daemon.control("STATS")
        assert "outdated_seen 40\n" in status and "outdated_rescanned 40\n" in status

    missing = run_prescan("--rescan-outdated", "--signature-stamp-file", workdir / "none", root)
    assert missing.returncode == 2 and "no signature stamp published" in missing.stderr


def test_symlink_loops_and_unreadable_directories_do_not_stop_the_scan(workdir):
    root = workdir / "tree"
    files = make_tree(root, 30, depth=2)
    outside = workdir / "outside.txt"
    outside.write_text("not below the tree\n")
    (root / "d0_0" / "loop").symlink_to(root)
    (root / "d0_1" / "link").symlink_to(outside)
    locked = root / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("unreadable for the prescan's user\n")
    os.chmod(locked, 0o000)
    with start_daemon(workdir, root) as daemon:
        result = run_prescan("--wait=60s", "-s", daemon.socket_path, root, as_user="nobody")
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"cannot open directory {locked}: Permission denied" in result.stderr
    assert f"clean {len(files)}, infected 0, failed 0, errors 1" in result.stderr
    assert all(marker_path(f).exists() for f in files)
    assert not marker_path(outside).exists()


def tree_with_a_skip_directory(workdir):
    """Ten files, and skip/big.iso for an exclude of /skip/ to keep out."""
    root = workdir / "tree"
    files = make_tree(root, 10, depth=1)
    (root / "skip").mkdir()
    skipped = root / "skip" / "big.iso"
    skipped.write_text("not to be scanned\n")
    return root, files, skipped


def test_excluded_files_are_not_sent(workdir):
    root, files, skipped = tree_with_a_skip_directory(workdir)
    with start_daemon(workdir, root) as daemon:
        result = run_prescan("--wait=60s", "-s", daemon.socket_path, "-e", "/skip/", root)
        assert result.returncode == 0, result.stderr
        assert all(marker_path(f).exists() for f in files)
        assert not marker_path(skipped).exists()


def test_small_window_still_covers_a_tree_larger_than_it(workdir):
    root = workdir / "tree"
    files = make_tree(root, 120, depth=2)
    with start_daemon(workdir, root) as daemon:
        result = run_prescan("--wait=90s", "--max-pending", "7", "-s", daemon.socket_path, root)
        assert result.returncode == 0, result.stderr
        assert all(marker_path(f).exists() for f in files)


def test_udp_to_a_scan_host(workdir):
    root = workdir / "tree"
    files = make_tree(root, 30, depth=1)
    write_eicar(root / "eicar.txt")
    port = free_udp_port()
    with start_daemon(workdir, root, udp_port=port):
        result = run_prescan("--wait=60s", "--scanhost", "127.0.0.1", "--portnum", port, root)
        assert result.returncode == 1, result.stdout + result.stderr
        assert all(marker_path(f).exists() for f in files)


def test_scan_failures_exit_2(workdir):
    root = workdir / "tree"
    root.mkdir()
    big = root / "big.bin"
    big.write_bytes(os.urandom(256 * 1024))
    (root / "small.txt").write_text("small\n")
    with start_daemon(workdir, root, extra_args=["--max-filesize", "64k"]) as daemon:
        result = run_prescan("--wait=60s", "-s", daemon.socket_path, root)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "failed 1" in result.stderr
    assert marker_path(big, FAILED).exists()


def test_timeout_exits_2_and_says_what_is_pending(workdir):
    root = workdir / "tree"
    make_tree(root, 5, depth=1)
    # A daemon whose scan root excludes the tree: requests are ignored.
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    with start_daemon(workdir, elsewhere) as daemon:
        started = time.monotonic()
        result = run_prescan("--wait=2s", "-s", daemon.socket_path, root)
        assert time.monotonic() - started < 20
    assert result.returncode == 2
    assert "timed out" in result.stderr and "5 files still waiting" in result.stderr
    assert "pending 5" in result.stderr


def test_wait_survives_a_daemon_restart(workdir):
    """The first daemon ignores the tree (wrong scan root) and is replaced by
    one that scans it, on the same socket path: the prescan reconnects and
    re-sends what has no verdict yet."""
    root = workdir / "tree"
    files = make_tree(root, 20, depth=1)
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    with start_daemon(workdir, elsewhere) as first:
        prescan = subprocess.Popen([env.PRESCAN, "--wait=90s", "-s", first.socket_path, root],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1)
            first.stop()
            with start_daemon(workdir, root):
                out, err = prescan.communicate(timeout=120)
        finally:
            prescan.kill()
    assert prescan.returncode == 0, out + err
    assert all(marker_path(f).exists() for f in files)


def test_quiet_prints_only_the_infection(workdir):
    root = workdir / "tree"
    make_tree(root, 5, depth=1)
    eicar = write_eicar(root / "eicar.com")
    with start_daemon(workdir, root) as daemon:
        result = run_prescan("--quiet", "--wait=60s", "-s", daemon.socket_path, root)
    assert result.returncode == 1
    assert result.stdout.strip().startswith(f"{eicar}: INFECTED")
    assert result.stderr == ""


def test_progress_bar_on_a_terminal(workdir):
    root = workdir / "tree"
    make_tree(root, 50, depth=2)
    leader, follower = pty.openpty()
    with start_daemon(workdir, root) as daemon:
        proc = subprocess.run([env.PRESCAN, "--wait=60s", "-s", daemon.socket_path, root],
                              stdout=subprocess.PIPE, stderr=follower, timeout=120)
    os.close(follower)
    shown = read_all(leader)
    assert proc.returncode == 0
    assert "\r[" in shown and "100% 50/50" in shown
    assert "seen 50, already scanned 0, sent 50, clean 50" in shown


def read_all(fd):
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the terminal's other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(fd)
    return b"".join(chunks).decode(errors="replace")


def test_config_gives_the_daemons_socket_and_excludes(workdir):
    """--config reads the daemon's file (clamd's names too) for what the
    command line leaves unset, so socket and excludes are written once."""
    root, files, skipped = tree_with_a_skip_directory(workdir)
    with start_daemon(workdir, root) as daemon:
        conf = workdir / "scannedonlyd.conf"
        conf.write_text(f"ScanRoot {root}\nLocalSocket {daemon.socket_path}\n"
                        "ExcludePath /skip/\n")
        result = run_prescan("--wait=60s", "--config", conf, root)
        assert result.returncode == 0, result.stdout + result.stderr
        assert all(marker_path(f).exists() for f in files)
        assert not marker_path(skipped).exists()
        # An option still wins over the file: nothing listens at this socket.
        result = run_prescan("--config", conf, "-s", workdir / "nowhere", root)
        assert result.returncode == 2 and str(workdir / "nowhere") in result.stderr


def test_config_with_a_port_sends_udp_to_where_the_daemon_listens(workdir):
    root = workdir / "tree"
    files = make_tree(root, 5, depth=1)
    port = free_udp_port()
    with start_daemon(workdir, root, udp_port=port):
        conf = workdir / "scannedonlyd.conf"
        conf.write_text(f"Port {port}\nListen 127.0.0.1\n")
        result = run_prescan("--wait=60s", "--config", conf, root)
        assert result.returncode == 0, result.stdout + result.stderr
        assert all(marker_path(f).exists() for f in files)


def test_single_files_are_sent_as_given(workdir):
    root = workdir / "tree"
    files = make_tree(root, 6, depth=0)
    eicar = write_eicar(root / "eicar.com")
    with start_daemon(workdir, root) as daemon:
        result = run_prescan("--wait=60s", "-s", daemon.socket_path, files[0], eicar)
        assert result.returncode == 1, result.stdout + result.stderr
        assert marker_path(files[0]).exists() and marker_path(eicar, VIRUS).exists()
        assert not any(marker_path(f).exists() for f in files[1:])  # only those named
        # A marker named is skipped as in a walk; a marked file is not sent again.
        result = run_prescan("--wait=60s", "-s", daemon.socket_path, files[0],
                             marker_path(files[0]))
        assert result.returncode == 0, result.stdout + result.stderr
        assert "seen 1, already scanned 1, sent 0" in result.stderr
