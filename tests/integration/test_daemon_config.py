"""The config file and the command line: errors name the file, line and
key and exit with status 64 before anything starts; the command line
overrides the file."""
import os
import re
import socket
import subprocess

import pytest

from harness import env
from harness.daemon import ScannedonlyDaemon
from harness.signatures import write_test_database
from harness.verdicts import wait_for_marker

EX_USAGE = 64


def run_daemon(*args, timeout=20):
    return subprocess.run([env.DAEMON, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def database(workdir):
    return write_test_database(workdir / "db")


def common_args(workdir, database):
    return ["--foreground", "--database", database, "--socket", workdir / "scan.sock",
            "--pidfile", workdir / "pid", "--viruslog", workdir / "virus.log",
            "--scanroot", workdir]


@pytest.mark.parametrize("line, message", [
    ("NoSuchKey yes", "NoSuchKey: unknown key"),
    ("MaxThreads many", "MaxThreads: 'many' is not a number"),
    ("LargeFileSize 5 parsecs", "LargeFileSize: '5 parsecs' is not a size"),
    ("Exclude [unclosed", "Exclude: invalid pattern '[unclosed'"),
    ("ScanRoot relative/dir", "ScanRoot: 'relative/dir': path is not absolute"),
])
def test_bad_config_line_names_file_line_and_key_and_starts_nothing(workdir, database, line,
                                                                   message):
    conf = workdir / "scannedonlyd.conf"
    conf.write_text(f"# scannedonlyd test config\nLogLevel 2\n{line}\n")
    result = run_daemon("--config", conf, *common_args(workdir, database))
    assert result.returncode == EX_USAGE
    assert f"{conf}:3: {message}" in result.stderr
    assert not (workdir / "scan.sock").exists()
    assert not (workdir / "pid").exists()


def test_bad_command_line_exits_64(workdir, database):
    for args, message in ((["--no-such-option"], "--no-such-option: unknown option"),
                          (["--maxthreads", "0"], "--maxthreads: '0' is out of range"),
                          (["--loglevel", "9"], "--loglevel: '9' is out of range"),
                          (["--portnum", "http"], "--portnum: 'http' is not a number"),
                          (["stray-argument"], "stray-argument: unexpected argument")):
        result = run_daemon("--config", "/dev/null", *common_args(workdir, database), *args)
        assert result.returncode == EX_USAGE, args
        assert message in result.stderr, args


def test_without_a_scan_root_nothing_starts(workdir, database):
    """The daemon runs as root and takes paths from anyone who can reach its
    socket: without a scan root it would scan and rename anywhere."""
    conf = workdir / "scannedonlyd.conf"
    conf.write_text("MaxThreads 2\n")
    args = common_args(workdir, database)[:-2]  # without --scanroot
    result = run_daemon("--config", conf, *args)
    assert result.returncode == EX_USAGE
    assert (f"no scan root: set ScanRoot in {conf} (or --scanroot) to the directories the "
            "shares serve (--scanroot / if any file on this system may be scanned)"
            in result.stderr)
    assert not (workdir / "scan.sock").exists()
    assert not (workdir / "pid").exists()
    # The control: with a scan root the same command gets past the check and
    # stops only at a missing database (so that nothing keeps running).
    args[args.index(database)] = workdir / "no-db"
    result = run_daemon("--config", conf, *args, "--scanroot", workdir)
    assert result.returncode == 69 and "no scan root" not in result.stderr, result.stderr


def test_slash_as_scan_root_scans_everything(workdir):
    share = workdir / "share"
    share.mkdir()
    with ScannedonlyDaemon(workdir / "daemon", scanroots=["/"]) as d:
        scan_one_file(d, share)


def test_explicit_config_file_that_is_missing_is_an_error(workdir, database):
    result = run_daemon("--config", workdir / "absent.conf", *common_args(workdir, database))
    assert result.returncode == EX_USAGE
    assert "absent.conf: cannot read" in result.stderr


def scan_one_file(d, share):
    """Proof that a started daemon serves its scan root."""
    f = share / "f.txt"
    f.write_text("f\n")
    d.request(f)
    wait_for_marker(f)


def test_command_line_overrides_the_config_file(workdir, database):
    share = workdir / "share"
    share.mkdir()
    elsewhere = workdir / "elsewhere"
    elsewhere.mkdir()
    conf = workdir / "scannedonlyd.conf"
    conf.write_text(f"ScanRoot {elsewhere}\nMaxThreads 2\nSocket /nonexistent/never.sock\n")
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--config", str(conf)]) as d:
        scan_one_file(d, share)
        assert "2 threads" in d.log_text()


def test_settings_come_from_the_config_file(workdir, database):
    share = workdir / "share"
    share.mkdir()
    sock = workdir / "from-conf" / "scan.sock"
    conf = workdir / "scannedonlyd.conf"
    conf.write_text(f"Socket {sock}\nScanRoot {share}\nMaxThreads 3\nDatabase {database}\n"
                    f"PidFile {workdir / 'pid'}\nVirusLog {workdir / 'virus.log'}\n"
                    "Foreground yes\nLogLevel 2\n")
    d = ScannedonlyDaemon(workdir / "daemon", extra_args=["--config", str(conf)])
    d.argv = lambda: [str(env.DAEMON), "--config", str(conf)]
    with d:
        assert os.stat(sock).st_mode & 0o777 == 0o666
        f = share / "f.txt"
        f.write_text("f\n")
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
            s.sendto(f"{f}\n".encode(), str(sock))
        wait_for_marker(f)
        assert "3 threads" in d.log_text()


def test_a_stale_socket_is_replaced_but_a_regular_file_is_not(workdir, database):
    sock = workdir / "scan.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.bind(str(sock))  # left behind, as after a crash
    with ScannedonlyDaemon(workdir, scanroots=[workdir], database=database) as d:
        assert d.socket_path == sock
        assert os.stat(sock).st_mode & 0o777 == 0o666
    assert not sock.exists()
    sock.write_text("not a socket\n")
    result = run_daemon("--config", "/dev/null", *common_args(workdir, database))
    assert result.returncode != 0
    assert "exists and is not a socket" in result.stderr
    assert sock.read_text() == "not a socket\n"


def test_a_second_daemon_does_not_steal_a_live_socket(workdir, database):
    share = workdir / "share"
    share.mkdir()
    with ScannedonlyDaemon(workdir, scanroots=[share], database=database) as d:
        result = run_daemon("--config", "/dev/null", *common_args(workdir, database))
        assert result.returncode != 0
        assert "is in use by a running daemon" in result.stderr
        f = share / "f.txt"
        f.write_text("still served by the first daemon\n")
        d.request(f)
        wait_for_marker(f)


def test_missing_or_signatureless_database_stops_the_daemon(workdir, database):
    """An engine without signatures would call everything clean: fail closed."""
    empty, ignores_only = workdir / "empty-db", workdir / "ignores-only-db"
    empty.mkdir()
    ignores_only.mkdir()
    (ignores_only / "local.ign2").write_text("Eicar-Test-Signature\n")
    for db, message in ((workdir / "no-such-db", "loading " + str(workdir / "no-such-db")),
                        (empty, "libclamav: cli_loaddbdir: No supported database files"),
                        (ignores_only, "no signatures in " + str(ignores_only))):
        args = common_args(workdir, database)
        args[args.index(database)] = db
        result = run_daemon("--config", "/dev/null", *args)
        assert result.returncode == 69, result.stderr
        assert message in result.stderr
        assert not (workdir / "scan.sock").exists()


def test_help_lists_the_original_options(workdir):
    result = run_daemon("--help")
    assert result.returncode == 0
    for option in ("-s, --socket", "-p, --portnum", "-t, --maxthreads", "-g, --maxlargethreads",
                   "-b, --big", "-q, --queuelen", "-r, --scanroot", "-e, --exclude",
                   "-d, --quarantainedir", "--quarantine-dir", "-D, --database", "-i, --pidfile",
                   "-l, --loglevel", "-m, --time", "--foreground", "--listen", "--config"):
        assert option in result.stdout


def test_help_says_what_each_option_does_and_its_default():
    """As clamd's --help does: a description under every option, with the
    default of every setting that has one."""
    help_text = run_daemon("--help").stdout
    blocks = re.findall(r"^  (-.*|    --.*)\n((?:        .*\n)+)", help_text, flags=re.M)
    assert len(blocks) == len(re.findall(r"^  (?:-|    --)", help_text, flags=re.M)) > 25
    no_default = ("--config", "--check-config", "--scanroot", "--exclude", "--help", "--version",
                  "--quarantine-dir", "--portnum")
    for option, text in blocks:
        if not any(o in option for o in no_default):
            assert "default" in text, option


def test_version_shows_libclamav_and_the_signatures(workdir, database):
    result = run_daemon("--version", "--database", database)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.fullmatch(r"scannedonlyd \d+\.\d+.*", lines[0])
    assert re.fullmatch(r"libclamav \d+\.\d+\.\d+.*", lines[1]), lines
    assert lines[2] == f"signatures: 2 in {database} (no .cvd or .cld)", lines


def test_example_config_documents_every_key_with_a_valid_default(workdir, database):
    """conf/scannedonlyd.conf shows every key commented out; uncommented,
    the defaults it shows must be accepted (Port and paths overridden)."""
    help_text = run_daemon("--help").stdout
    keys = set(re.findall(r"  \(([A-Z]\w+)\)$", help_text, flags=re.M))
    example = (env.SOURCE_DIR / "conf" / "scannedonlyd.conf").read_text()
    shown = re.findall(r"^#([A-Z]\w+) (.+)$", example, flags=re.M)
    assert keys and {k for k, _ in shown} == keys
    conf = workdir / "all-keys.conf"
    conf.write_text("".join(f"{k} {v}\n" for k, v in shown
                            if k not in ("Port", "Foreground", "ScanRoot", "QuarantineDir")))
    share = workdir / "share"
    share.mkdir()
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                           extra_args=["--config", str(conf)]) as d:
        scan_one_file(d, share)
