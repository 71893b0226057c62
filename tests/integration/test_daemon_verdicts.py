"""scannedonlyd's verdicts, with the real binary and real libclamav:
clean -> marker, infected -> renamed or quarantined with warning file and
virus-log line, scan failure -> .failed: marker."""
import io
import os
import socket
import zipfile

import pytest

from harness.daemon import ScannedonlyDaemon
from harness.net import free_udp_port, udp_refused, wait_until
from harness.signatures import (EICAR_NAME, HASH_TEST_CONTENT, HASH_TEST_NAME, write_eicar,
                                write_eicar_zip)
from harness.verdicts import FAILED, SCANNED, VIRUS, marker_path, wait_for_marker


@pytest.fixture
def daemon(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        yield d


def assert_fresh_marker(path):
    marker = marker_path(path)
    st, mt = os.stat(path), os.lstat(marker)
    assert mt.st_size == 0 and mt.st_uid == 0
    assert mt.st_ctime_ns > st.st_ctime_ns


def virus_log_lines(d):
    return d.virus_log.read_text().splitlines() if d.virus_log.exists() else []


def test_clean_file_gets_a_marker_newer_than_the_file(daemon, share):
    clean = share / "report.txt"
    clean.write_text("quarterly figures\n")
    daemon.request(clean)
    wait_for_marker(clean)
    assert_fresh_marker(clean)
    assert clean.read_text() == "quarterly figures\n"


def test_marker_is_refreshed_after_the_file_changes(daemon, share):
    clean = share / "notes.txt"
    clean.write_text("one\n")
    daemon.request(clean)
    wait_for_marker(clean)
    clean.write_text("two\n")
    daemon.request(clean)
    wait_until(lambda: os.lstat(marker_path(clean)).st_ctime_ns > os.stat(clean).st_ctime_ns,
               20, what="refreshed marker")


def test_eicar_is_renamed_with_warning_file_and_virus_log_line(daemon, share):
    infected = write_eicar(share / "invoice.pdf.exe")
    daemon.request(infected)
    renamed = wait_for_marker(infected, VIRUS)
    assert not infected.exists()
    assert renamed.read_bytes().startswith(b"X5O!P%@AP")
    assert not marker_path(infected).exists()
    warning = share / "invoice.pdf.exe.VIRUS-WARNING.txt"
    wait_for_marker(warning)
    text = warning.read_text()
    assert str(infected) in text and EICAR_NAME in text and str(renamed) in text
    assert_fresh_marker(warning)
    wait_until(lambda: virus_log_lines(daemon), 10, what="virus log line")
    fields = virus_log_lines(daemon)[0].split("\t")
    assert fields[1:] == [str(infected), EICAR_NAME + ".UNOFFICIAL", "renamed", str(renamed)]
    assert "warning: infected: " + str(infected) in daemon.log_text()


def test_virus_log_escapes_every_control_character_in_a_name(daemon, share):
    """A carriage return (or tab, or escape) in a name must not reach the
    tab-separated virus log raw: a viewer would show a forged line."""
    infected = write_eicar(share / "a\rforged\tfield\x1b.com")
    daemon.request(infected)
    wait_for_marker(infected, VIRUS)
    wait_until(lambda: virus_log_lines(daemon), 10, what="virus log line")
    line = daemon.virus_log.read_bytes().decode()  # no newline translation
    controls = {chr(c) for c in [*range(0x20), 0x7f]}
    assert line.endswith("\n") and not set(line[:-1]) & (controls - {"\t"}), repr(line)
    escaped = "a\\x0dforged\\x09field\\x1b.com"
    assert line[:-1].split("\t")[1:] == [f"{share}/{escaped}", EICAR_NAME + ".UNOFFICIAL",
                                         "renamed", f"{share}/{VIRUS}{escaped}"]


def test_eicar_inside_a_zip_is_detected(daemon, share):
    archive = write_eicar_zip(share / "holiday-photos.zip", member="photo.jpg.exe")
    daemon.request(archive)
    wait_for_marker(archive, VIRUS)
    assert not archive.exists()


def test_hash_signature_is_detected(daemon, share):
    target = share / "harmless-looking.bin"
    target.write_bytes(HASH_TEST_CONTENT)
    daemon.request(target)
    wait_for_marker(target, VIRUS)
    wait_until(lambda: virus_log_lines(daemon), 10, what="virus log line")
    assert HASH_TEST_NAME in virus_log_lines(daemon)[0]


def test_second_infection_of_the_same_name_does_not_overwrite_the_first(daemon, share):
    infected = write_eicar(share / "a.com")
    daemon.request(infected)
    wait_for_marker(infected, VIRUS)
    write_eicar(infected)
    daemon.request(infected)
    wait_until(lambda: (share / ".virus:a.com.1").exists(), 20, what=".virus:a.com.1")
    assert (share / ".virus:a.com").exists()


def test_quarantine_dir_takes_infected_files_without_overwriting(workdir, share):
    quarantine = workdir / "quarantine"
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--quarantine-dir", str(quarantine)]) as d:
        first = write_eicar(share / "x.com")
        (share / "sub").mkdir()
        second = write_eicar(share / "sub" / "x.com")
        d.request(first)
        wait_until(lambda: (quarantine / "x.com").exists(), 20, what="quarantined x.com")
        d.request(second)
        wait_until(lambda: (quarantine / "x.com.1").exists(), 20, what="quarantined x.com.1")
        assert not first.exists() and not second.exists()
        assert not marker_path(first, VIRUS).exists()
        assert (quarantine / "x.com").read_bytes() == (quarantine / "x.com.1").read_bytes()
        assert stat_mode(quarantine) == 0o700
        warning = share / "sub" / "x.com.VIRUS-WARNING.txt"
        wait_for_marker(warning)
        assert str(quarantine / "x.com.1") in warning.read_text()
        wait_until(lambda: len(virus_log_lines(d)) == 2, 10, what="two virus log lines")
        assert virus_log_lines(d)[1].split("\t")[3:] == ["quarantined", str(quarantine / "x.com.1")]


def test_quarantine_on_another_filesystem_copies_then_unlinks(workdir, share):
    """/dev/shm is tmpfs: the rename fails with EXDEV and the daemon copies."""
    quarantine = "/dev/shm/scannedonly-test-quarantine-%d" % os.getpid()
    try:
        with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                               extra_args=["-d", quarantine]) as d:
            infected = write_eicar(share / "far.com")
            d.request(infected)
            copied = os.path.join(quarantine, "far.com")
            wait_until(lambda: os.path.exists(copied) and not infected.exists(), 20,
                       what="cross-filesystem quarantine")
            with open(copied, "rb") as f:
                assert f.read().startswith(b"X5O!P%@AP")
            assert os.stat(copied).st_mode & 0o777 == 0o600
    finally:
        import shutil
        shutil.rmtree(quarantine, ignore_errors=True)


def test_file_over_the_size_limit_gets_a_failed_marker(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--max-filesize", "1k"]) as d:
        big = share / "big.bin"
        big.write_bytes(b"a" * 4096)
        d.request(big)
        wait_for_marker(big, FAILED)
        assert not marker_path(big, SCANNED).exists()
        assert "scan failed: " + str(big) in d.log_text()


def test_archive_nested_beyond_the_recursion_limit_fails(workdir, share):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as z:
        z.writestr("a.txt", "hello " * 100)
    middle = io.BytesIO()
    with zipfile.ZipFile(middle, "w") as z:
        z.writestr("inner.zip", inner.getvalue())
    nested = share / "nested.zip"
    with zipfile.ZipFile(nested, "w") as z:
        z.writestr("middle.zip", middle.getvalue())
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--max-recursion", "2"]) as d:
        d.request(nested)
        wait_for_marker(nested, FAILED)
        assert "Heuristics.Limits.Exceeded.MaxRecursion" in d.log_text()
        assert not marker_path(nested).exists()


def test_temporary_directory_is_where_libclamav_works(workdir, share):
    """An unusable TemporaryDirectory fails scans closed; a usable one is
    where the EICAR zip is unpacked, and it is left empty."""
    tmp = workdir / "clamtmp"
    archive = write_eicar_zip(share / "eicar.zip")
    plain = share / "plain.txt"
    plain.write_text("clean\n")
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--tmpdir", str(tmp)]) as d:
        d.request(plain)
        wait_for_marker(plain, FAILED)
        assert not marker_path(plain).exists()
        tmp.mkdir()
        os.utime(plain)  # a new ctime, so the file is scanned again
        d.request(plain, archive)
        wait_for_marker(plain)
        wait_for_marker(archive, VIRUS)
        assert list(tmp.iterdir()) == []


def test_clean_verdict_removes_a_stale_failed_marker(daemon, share):
    target = share / "retry.txt"
    target.write_text("fine\n")
    marker_path(target, FAILED).write_bytes(b"")
    daemon.request(target)
    wait_for_marker(target)
    wait_until(lambda: not marker_path(target, FAILED).exists(), 10, what="stale .failed: gone")


def test_udp_requests_are_served_on_loopback(workdir, share):
    port = free_udp_port()
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share], udp_port=port) as d:
        clean = share / "via-udp.txt"
        clean.write_text("udp\n")
        d.request(clean)
        wait_for_marker(clean)
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            with pytest.raises(OSError):
                s.bind(("127.0.0.1", port))  # the daemon holds it


def test_socket_is_world_writable_and_removed_at_exit(workdir, share):
    d = ScannedonlyDaemon(workdir / "daemon", scanroots=[share])
    with d:
        assert stat_mode(d.socket_path) == 0o666
    assert d.process.proc.returncode == 0
    assert not d.socket_path.exists()
    assert "stopping" in d.log_text()


def stat_mode(path):
    return os.stat(path).st_mode & 0o777


def test_listen_chooses_the_udp_address(workdir, share):
    port = free_udp_port()
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share], udp_port=port,
                           extra_args=["--listen", "127.0.0.2"]) as d:
        ignored, served = share / "to-127.0.0.1.txt", share / "to-127.0.0.2.txt"
        ignored.write_text("x\n")
        served.write_text("y\n")
        d.request(ignored)  # the harness sends to 127.0.0.1
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(f"{served}\n".encode(), ("127.0.0.2", port))
        wait_for_marker(served)
        udp_refused("127.0.0.1", port)
        assert not marker_path(ignored).exists()
