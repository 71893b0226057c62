"""scannedonlyd --check-config: validates file and command line, shows each
setting and its source, and touches nothing a running daemon uses."""
import subprocess

from harness import env
from harness.daemon import ScannedonlyDaemon


def check(*args):
    return subprocess.run([env.DAEMON, "--check-config", *map(str, args)], capture_output=True,
                          text=True, timeout=20)


def test_a_good_configuration_is_shown_with_sources(workdir, share):
    conf = workdir / "scannedonlyd.conf"
    conf.write_text(f"# test\nScanRoot {share}\nMaxThreads 2\nVirusAction /bin/true x\n")
    r = check("--config", conf, "--maxthreads", "3", "--database", workdir / "no-such-db")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"# {conf}: valid\n")
    assert f"ScanRoot {share}  # {conf}:2\n" in r.stdout
    assert "MaxThreads 3  # command line --maxthreads\n" in r.stdout
    assert "VirusAction /bin/true x  # " in r.stdout
    assert "ControlSocket /run/scannedonly/control  # default\n" in r.stdout
    assert r.stderr == ""  # no signatures were loaded (the database does not exist)


def test_a_bad_configuration_exits_64_naming_the_line(workdir, share):
    conf = workdir / "scannedonlyd.conf"
    conf.write_text(f"ScanRoot {share}\nMaxThreads lots\n")
    r = check("--config", conf)
    assert r.returncode == 64
    assert f"{conf}:2: MaxThreads: 'lots' is not a number" in r.stderr
    conf.write_text("MaxThreads 2\n")
    r = check("--config", conf)
    assert r.returncode == 64 and "no scan root" in r.stderr
    conf.write_text(f"ScanRoot {share}\nControlGroup no-such-group-here\n")
    r = check("--config", conf)
    assert r.returncode == 64 and "ControlGroup: no group 'no-such-group-here'" in r.stderr


def test_the_running_daemons_sockets_are_not_touched(workdir, share):
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share]) as d:
        before = (d.socket_path.stat().st_ino, d.control_path.stat().st_ino)
        r = check(*d.argv()[1:])
        assert r.returncode == 0, r.stderr
        assert (d.socket_path.stat().st_ino, d.control_path.stat().st_ino) == before
        assert d.control("PING") == "PONG"


def ctl_check(*args):
    return subprocess.run([env.CTL, "check-config", *map(str, args)], capture_output=True,
                          text=True, timeout=20)


def test_scannedonlyctl_check_config_is_the_daemons_check(workdir, share):
    """Same report for a good file (aliases included), same refusal for a
    bad one, with the daemon not running at all."""
    conf = workdir / "scannedonlyd.conf"
    conf.write_text(f"ScanRoot {share}\nLocalSocket /var/lib/scannedonly/scan\nMaxQueue 50\n")
    daemon, ctl = check("--config", conf), ctl_check("--config", conf)
    assert (ctl.returncode, ctl.stdout) == (0, daemon.stdout), ctl.stderr
    assert f"Socket /var/lib/scannedonly/scan  # {conf}:2 as LocalSocket\n" in ctl.stdout
    assert f"QueueLength 50  # {conf}:3 as MaxQueue\n" in ctl.stdout
    conf.write_text(f"ScanRoot {share}\nControlGroup no-such-group-here\n")
    r = ctl_check("--config", conf)
    assert r.returncode == 64 and r.stdout == ""
    assert r.stderr == "scannedonlyctl: ControlGroup: no group 'no-such-group-here'\n"
    conf.write_text(f"ScanRoot {share}\nLogFile /var/log/clamav/clamav.log\n")
    r = ctl_check("--config", conf)
    assert r.returncode == 64 and f"{conf}:2: LogFile: not supported" in r.stderr
    r = ctl_check("--config", workdir / "missing.conf")
    assert r.returncode == 64 and "missing.conf: cannot read: No such file" in r.stderr
