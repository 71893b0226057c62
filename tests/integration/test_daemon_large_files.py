"""Files of any size are scanned whole: above ScanWindow in overlapping
windows (every window is read, a signature across a boundary is found),
and what libclamav could not scan completely follows ExceedsMaxAction,
logged with the reason and counted. Sparse files keep the tests quick."""
import os
import re
import zipfile

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.signatures import EICAR
from harness.verdicts import FAILED, SCANNED, VIRUS, marker_path, wait_for_marker

MiB = 1 << 20
WINDOW = 16 * MiB  # the smallest ScanWindow


def sparse_file(path, size, eicar_at=None):
    with open(path, "wb") as f:
        f.truncate(size)
        if eicar_at is not None:
            f.seek(eicar_at)
            f.write(EICAR)
    return path


def windowed_daemon(workdir, share, *args):
    return ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                             extra_args=["--scan-window", "16", "--time", "100ms", *args])


def status(d):
    lines = [line for line in d.log_text().splitlines() if "notice: status " in line]
    return dict(re.findall(r"(\w+)=([\d.]+)", lines[-1])) if lines else {}


def test_a_virus_in_a_late_window_is_found(workdir, share):
    late = sparse_file(share / "disk.img", 80 * MiB, eicar_at=70 * MiB)
    with windowed_daemon(workdir, share) as d:
        d.request(late)
        wait_for_marker(late, VIRUS, timeout=60)
        assert "Eicar-Test-Signature" in d.log_text()


def test_a_virus_across_a_window_boundary_is_found(workdir, share):
    # It ends 38 bytes into the second window's own part: only the overlap
    # lets one window see it whole.
    across = sparse_file(share / "video.mkv", 80 * MiB, eicar_at=WINDOW - 30)
    with windowed_daemon(workdir, share) as d:
        d.request(across)
        wait_for_marker(across, VIRUS, timeout=60)


def test_a_clean_file_larger_than_libclamavs_window_is_marked(workdir, share):
    clean = sparse_file(share / "backup.tar", 80 * MiB)
    with windowed_daemon(workdir, share) as d:
        d.request(clean)
        wait_for_marker(clean, SCANNED, timeout=60)
        assert f"scanning: {clean} ({80 * MiB} bytes)" in d.log_text()


def test_a_compressed_archive_larger_than_the_window_fails_closed(workdir, share):
    # Windows cannot unpack a zip whose parts lie in different windows.
    archive = share / "backup.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("data.bin", os.urandom(20 * MiB))
    with windowed_daemon(workdir, share) as d:
        d.request(archive)
        wait_for_marker(archive, FAILED, timeout=60)
        assert not marker_path(archive, SCANNED).exists()
        assert (f"scan failed: {archive}: not scanned completely: a CL_TYPE_ZIP container "
                f"larger than ScanWindow (16 MiB) is unpacked only in its first window "
                f"(ExceedsMaxAction allow would serve it)") in d.log_text()


def exceeded(d, path, marker, other, line):
    """Requests path; it gets `marker`, not `other`, `line` is logged and
    the status line counts it as exceeded."""
    d.request(path)
    wait_for_marker(path, marker)
    assert not marker_path(path, other).exists()
    assert line in d.log_text()
    wait_until(lambda: status(d).get("exceeded") == "1", 10, what="exceeded=1")


def test_over_max_file_size_fails_by_default_saying_which_key_serves_it(workdir, share):
    big = share / "big.bin"
    big.write_bytes(b"a" * 4096)
    with windowed_daemon(workdir, share, "--max-filesize", "1k") as d:
        exceeded(d, big, FAILED, SCANNED,
                 f"scan failed: {big}: not scanned completely: larger than MaxFileSize "
                 f"(4096 bytes) (ExceedsMaxAction allow would serve it)")


def test_allow_serves_what_libclamav_could_not_scan_completely(workdir, share):
    # 200 KiB of varied bytes over a 100 KiB MaxScanSize: libclamav stops
    # and says so (Heuristics.Limits.Exceeded.MaxScanSize).
    partial = share / "data.bin"
    partial.write_bytes(bytes(range(256)) * 800)
    with windowed_daemon(workdir, share, "--max-scansize", "100k",
                         "--exceeds-max-action", "allow") as d:
        exceeded(d, partial, SCANNED, FAILED,
                 f"not scanned completely, served (ExceedsMaxAction allow): {partial}: "
                 f"Heuristics.Limits.Exceeded.MaxScanSize")
