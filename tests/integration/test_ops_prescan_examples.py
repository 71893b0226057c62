"""The prescan command lines shipped in conf/ (the timer's prescan.env and
the cron example) are valid: run as shipped, with --dry-run added and the
share directory replaced by a test tree."""
import os
import shlex

from harness import env
from harness.prescan import run_prescan, sent_paths

CONF = env.SOURCE_DIR / "conf"


def env_file_values(path):
    values = {}
    for line in path.read_text().splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            values[key.strip()] = shlex.split(value)[0]
    return values


def cron_command(path):
    """The argv after the user field of the first job line."""
    for line in path.read_text().splitlines():
        fields = line.split()
        if len(fields) > 7 and not line.startswith("#") and "=" not in fields[0]:
            return fields[6:]
    raise AssertionError(f"no job in {path}")


def published_stamp(workdir):
    """A stamp file as scannedonlyd publishes it, for --rescan-outdated."""
    stamp = workdir / "signatures"
    stamp.write_text("stamp 1234\n")
    os.utime(stamp, (1234, 1234))
    return ["--signature-stamp-file", str(stamp)]


def tree_with_a_file(workdir):
    (workdir / "share").mkdir()
    (workdir / "share" / "doc.txt").write_text("doc\n")
    return workdir / "share"


def test_timer_options_from_prescan_env_are_valid(workdir):
    values = env_file_values(CONF / "prescan.env")
    assert values["PRESCAN_DIRS"].split()
    share = tree_with_a_file(workdir)
    result = run_prescan("--dry-run", *published_stamp(workdir),
                         *values["PRESCAN_OPTIONS"].split(), share)
    assert result.returncode == 0, result.stderr
    assert sent_paths(result) == {str(share / "doc.txt")}


def test_cron_example_is_valid(workdir):
    argv = cron_command(CONF / "cron.d" / "scannedonly-prescan")
    assert argv[0] == "scannedonly_prescan"
    share = tree_with_a_file(workdir)
    assert argv[-1].startswith("/"), "the job should end with the share directory"
    result = run_prescan("--dry-run", *published_stamp(workdir), *argv[1:-1], share)
    assert result.returncode == 0, result.stderr
    assert sent_paths(result) == {str(share / "doc.txt")}
