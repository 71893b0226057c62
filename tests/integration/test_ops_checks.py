"""Operations files stay valid: systemd units pass systemd-analyze verify,
manual pages are lint-clean, cmake --install lays everything out where the
documentation says, and the example share configuration is accepted."""
import grp
import os
import pathlib
import re
import stat
import subprocess

import pytest

from harness import env
from harness.prescan import run_prescan
from harness.samba import SmbServer

CONF = env.SOURCE_DIR / "conf"
DOCS = env.SOURCE_DIR / "docs"
UNITS = ["scannedonlyd.service", "scannedonlyd.socket", "scannedonly-prescan.service",
         "scannedonly-prescan.timer"]
MAN_PAGES = ["scannedonlyd.8", "scannedonlyctl.8", "scannedonly_prescan.8", "vfs_scannedonly.8"]
INSTALLED_BINARIES = {"/usr/sbin/scannedonlyd", "/usr/sbin/scannedonly_prescan",
                      "/usr/sbin/scannedonlyctl"}


def verify_units(unit_dir, names):
    return subprocess.run(["systemd-analyze", "verify", "--man=no", *names],
                          cwd=unit_dir, capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, SYSTEMD_LOG_LEVEL="info"))


def copy_units_with_stub_binaries(target):
    """verify insists that ExecStart= binaries exist; the units name the
    installed paths, which a build tree need not have."""
    target.mkdir()
    for name in UNITS:
        text = (CONF / name).read_text()
        for binary in INSTALLED_BINARIES:
            text = text.replace(binary, "/bin/true")
        (target / name).write_text(text)


def test_units_name_the_installed_binaries():
    exec_lines = "".join((CONF / name).read_text() for name in UNITS)
    assert "ExecStart=/usr/sbin/scannedonlyd --foreground" in exec_lines
    assert "ExecStart=/usr/sbin/scannedonly_prescan " in exec_lines
    assert "Type=notify" in exec_lines and "ExecReload=/bin/kill -USR2 $MAINPID" in exec_lines


def test_units_pass_systemd_analyze_verify(workdir):
    units = workdir / "units"
    copy_units_with_stub_binaries(units)
    result = verify_units(units, [f"./{u}" for u in UNITS])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout + result.stderr == ""


def unit_settings(name, key):
    return [line.split("=", 1)[1] for line in (CONF / name).read_text().splitlines()
            if line.startswith(key + "=")]


def database_conditions_hold(database):
    """The daemon unit's database conditions, evaluated by systemd itself
    against `database` instead of /var/lib/clamav."""
    conditions = [f"ConditionPathExistsGlob={glob.replace('/var/lib/clamav', str(database))}"
                  for glob in unit_settings("scannedonlyd.service", "ConditionPathExistsGlob")]
    assert len(conditions) == 2
    return subprocess.run(["systemd-analyze", "condition", *conditions], capture_output=True,
                          text=True, timeout=60).returncode == 0


def test_the_daemon_is_not_started_without_a_signature_database(workdir):
    database = workdir / "clamav"
    database.mkdir()
    assert not database_conditions_hold(database)  # before freshclam's first run
    (database / "main.cvd").touch()
    assert not database_conditions_hold(database)  # main alone has no recent signatures
    (database / "daily.cld").touch()
    assert database_conditions_hold(database)
    (database / "main.cvd").unlink()
    (database / "main.inc").mkdir()  # the old unpacked form
    assert database_conditions_hold(database)


def test_the_socket_unit_listens_where_daemon_module_and_prescan_meet(share_dir):
    """One path everywhere: the daemon's default Socket, the socket unit's,
    the example share's socketname and prescan's default."""
    report = subprocess.run([env.DAEMON, "--check-config", "--config", "/dev/null",
                             "--scanroot", str(share_dir)], capture_output=True, text=True)
    default = re.search(r"^Socket (\S+)  # default$", report.stdout, re.M).group(1)
    assert default == "/run/scannedonly/scan"
    assert unit_settings("scannedonlyd.socket", "ListenDatagram") == [default]
    assert example_share_options()["scannedonly:socketname"] == default
    assert f"(default {default})" in run_prescan("--help").stdout
    # The service must not remove the socket unit's directory when it stops.
    assert unit_settings("scannedonlyd.service", "RuntimeDirectoryPreserve") == ["yes"]


def test_the_log_directory_is_readable_by_group_adm(workdir):
    """systemd-tmpfiles makes it from the shipped entry, and the unit does not
    take it over with LogsDirectory= (which would chown it to root:root)."""
    root = workdir / "root"
    (root / "etc").mkdir(parents=True)
    for name in ("passwd", "group"):  # the groups tmpfiles resolves under --root
        (root / "etc" / name).write_text(pathlib.Path("/etc", name).read_text())
    result = subprocess.run(["systemd-tmpfiles", "--create", f"--root={root}",
                             str(CONF / "tmpfiles.d/scannedonly.conf")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    st = (root / "var/log/scannedonly").stat()
    assert grp.getgrgid(st.st_gid).gr_name == "adm"
    assert stat.S_IMODE(st.st_mode) == 0o2750  # new log files get group adm too
    assert unit_settings("scannedonlyd.service", "LogsDirectory") == []


def security_score(unit_dir, name):
    result = subprocess.run(["systemd-analyze", "security", "--offline=true", "--no-pager",
                             f"./{name}"], cwd=unit_dir, capture_output=True, text=True,
                            timeout=60)
    found = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", result.stdout)
    assert found, result.stdout + result.stderr
    return float(found.group(1))


def test_prescan_is_hardened_at_least_as_well_as_the_daemon(workdir):
    units = workdir / "units"
    copy_units_with_stub_binaries(units)
    assert security_score(units, "scannedonly-prescan.service") <= \
        security_score(units, "scannedonlyd.service")


def test_verify_reports_a_broken_unit(workdir):
    """The control for the check above: a typo is reported."""
    units = workdir / "units"
    copy_units_with_stub_binaries(units)
    service = units / "scannedonlyd.service"
    service.write_text(service.read_text().replace("Restart=on-failure", "Restart=sometimes"))
    result = verify_units(units, ["./scannedonlyd.service"])
    assert "sometimes" in result.stdout + result.stderr


@pytest.mark.parametrize("page", MAN_PAGES)
def test_man_page_is_lint_clean(page):
    mandoc = subprocess.run(["mandoc", "-T", "lint", "-W", "warning", DOCS / page],
                            capture_output=True, text=True)
    assert mandoc.returncode == 0 and mandoc.stdout + mandoc.stderr == "", mandoc.stdout
    groff = subprocess.run(["groff", "-ww", "-man", "-z", DOCS / page],
                           capture_output=True, text=True)
    assert groff.returncode == 0 and groff.stderr == "", groff.stderr
    rendered = subprocess.run(["man", "-l", "-P", "cat", DOCS / page], capture_output=True,
                              text=True, env=dict(os.environ, MANWIDTH="80"))
    assert "SEE ALSO" in rendered.stdout


def test_every_prescan_option_is_documented():
    help_text = run_prescan("--help").stdout
    options = set(re.findall(r"--[a-z-]+", help_text))
    page = (DOCS / "scannedonly_prescan.8").read_text().replace("\\-", "-")
    assert options and {o for o in options if o not in page} == set()


def test_every_daemon_option_and_config_key_is_documented():
    help_text = subprocess.run([env.DAEMON, "--help"], capture_output=True, text=True).stdout
    options = set(re.findall(r"--[a-z-]+", help_text))
    keys = set(re.findall(r"  \(([A-Z]\w+)\)$", help_text, re.MULTILINE))
    page = (DOCS / "scannedonlyd.8").read_text().replace("\\-", "-")
    assert options and keys
    assert {o for o in options | keys if o not in page} == set()


def man_section(page, title):
    return (DOCS / page).read_text().split(f".SH {title}\n")[1].split("\n.SH ")[0]


def test_daemon_page_documents_every_virus_log_action_and_exit_status():
    """The actions the daemon can write into the virus log, and the exit
    statuses it can return, read from its source."""
    disposal = (env.SOURCE_DIR / "daemon" / "disposal.cpp").read_text()
    actions = set(re.findall(r'\{(?:true|false), "(\w+)"', disposal))
    assert actions == {"renamed", "quarantined", "copied", "none"}
    virus_log = man_section("scannedonlyd.8", "VIRUS LOG")
    assert {a for a in actions if f".B {a}\n" not in virus_log} == set()
    assert "destination" in virus_log
    sysexits = {"EX_USAGE": 64, "EX_UNAVAILABLE": 69}
    daemon_sources = "".join(p.read_text() for p in (env.SOURCE_DIR / "daemon").glob("*.cpp"))
    statuses = {0} | {sysexits[name] for name in re.findall(r"return (EX_\w+);", daemon_sources)}
    assert statuses == {0, 64, 69}
    exit_status = man_section("scannedonlyd.8", "EXIT STATUS")
    assert {s for s in statuses if f".B {s}\n" not in exit_status} == set()


def test_install_puts_everything_where_the_docs_say(workdir):
    stage = workdir / "stage"
    install = lambda: subprocess.run(["cmake", "--install", env.BUILD_DIR], capture_output=True,
                                     text=True, timeout=120, env=dict(os.environ, DESTDIR=stage))
    result = install()
    assert result.returncode == 0, result.stderr
    expected = ["usr/sbin/scannedonly_prescan", "etc/scannedonly/prescan.env",
                "etc/scannedonly/scannedonlyd.conf",
                "etc/logrotate.d/scannedonly",
                "usr/lib/tmpfiles.d/scannedonly.conf",
                "usr/share/doc/scannedonly/examples/smb.conf.example",
                "usr/share/doc/scannedonly/examples/scannedonly-prescan",
                "usr/share/doc/scannedonly/operations.md",
                "usr/share/doc/scannedonly/installation.md"]
    expected += [f"lib/systemd/system/{u}" for u in UNITS]
    expected += [f"usr/share/man/man8/{p}" for p in MAN_PAGES]
    expected.append("usr/sbin/scannedonlyd")
    missing = [p for p in expected if not (stage / p).is_file()]
    assert missing == []
    assert os.access(stage / "usr/sbin/scannedonly_prescan", os.X_OK)

    # A reinstall keeps the administrator's configuration.
    (stage / "etc/scannedonly/prescan.env").write_text('PRESCAN_DIRS="/data"\n')
    assert install().returncode == 0
    assert (stage / "etc/scannedonly/prescan.env").read_text() == 'PRESCAN_DIRS="/data"\n'


def example_share_options():
    """The [data] section of conf/smb.conf.example as {option: value}."""
    options = {}
    for line in (CONF / "smb.conf.example").read_text().splitlines():
        line = line.strip()
        if "=" in line and not line.startswith(("#", ";")):
            key, value = (part.strip() for part in line.split("=", 1))
            options[key] = value
    return options


def test_example_share_section_is_served_with_the_module(workdir, share_dir, vfs_module):
    options = example_share_options()
    assert options["vfs objects"] == "scannedonly"
    options.update({"path": share_dir, "guest ok": "yes"})
    (share_dir / "empty.txt").write_text("")
    with SmbServer(workdir / "smbd", {"data": options}) as smbd:
        listing = smbd.smbclient("data", "ls")
    assert listing.returncode == 0, listing.stdout + listing.stderr
    assert "empty.txt" in listing.stdout


def listed_in(cmake_file, names):
    text = (env.SOURCE_DIR / cmake_file).read_text()
    return [n for n in names if not re.search(rf"(^|[\s/]){re.escape(n)}(\s|\))", text, re.M)]


@pytest.mark.parametrize("directory,cmake_file,pattern", [
    ("core", "core/CMakeLists.txt", "*.cpp"),
    ("daemon", "daemon/CMakeLists.txt", "*.cpp"),
    ("prescan", "prescan/CMakeLists.txt", "*.cpp"),
    ("ctl", "ctl/CMakeLists.txt", "*.cpp"),
    ("vfs", "vfs/CMakeLists.txt", "*.cpp"),
    ("tests/unit", "tests/CMakeLists.txt", "*_test.cpp"),
])
def test_every_source_file_is_built(directory, cmake_file, pattern):
    """The CMake lists are explicit: a file missing from them is silently
    never compiled, or a test never run."""
    names = [p.name for p in (env.SOURCE_DIR / directory).glob(pattern)]
    assert names and listed_in(cmake_file, names) == []


def test_every_integration_test_file_is_run():
    names = [p.stem for p in (env.SOURCE_DIR / "tests/integration").glob("test_*.py")]
    assert names and listed_in("tests/CMakeLists.txt", names) == []
