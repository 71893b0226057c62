"""scannedonly_prescan's tree walk, seen through --dry-run (no daemon needed):
what is sent, what is skipped, and how problems are reported."""
import os
import subprocess

import pytest

from harness.prescan import make_tree, run_prescan, sent_paths


def test_dry_run_lists_unscanned_files_and_skips_the_daemons_entries(workdir):
    tree = workdir / "tree"
    files = make_tree(tree, 20)
    (tree / ".scanned:x").write_text("")
    (tree / ".virus:y").write_text("virus")
    (tree / ".failed:z").write_text("")
    (tree / "empty").write_text("")
    result = run_prescan("--dry-run", tree)
    assert result.returncode == 0, result.stderr
    assert sent_paths(result) == {str(f) for f in files}
    assert "seen 21, already scanned 1, sent 20" in result.stderr


def test_symlinks_are_never_followed_and_loops_do_not_hang(workdir):
    tree = workdir / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "sub" / "real.txt").write_text("real\n")
    outside = workdir / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("outside the tree\n")
    (tree / "to_outside").symlink_to(outside)
    (tree / "file_link").symlink_to(outside / "secret.txt")
    (tree / "sub" / "loop").symlink_to(tree)
    (tree / "self").symlink_to("self")
    result = run_prescan("--dry-run", tree, timeout=30)
    assert result.returncode == 0, result.stderr
    assert sent_paths(result) == {str(tree / "sub" / "real.txt")}


def test_symlinked_root_argument_is_resolved_to_canonical_paths(workdir):
    tree = workdir / "tree"
    tree.mkdir()
    (tree / "a.txt").write_text("a\n")
    (workdir / "alias").symlink_to(tree)
    result = run_prescan("--dry-run", workdir / "alias")
    assert sent_paths(result) == {str(tree / "a.txt")}


def test_excludes_skip_files_and_whole_directories(workdir):
    tree = workdir / "tree"
    (tree / "cache" / "deep").mkdir(parents=True)
    (tree / "cache" / "deep" / "x.txt").write_text("x\n")
    (tree / "cd.iso").write_text("iso\n")
    (tree / "keep.txt").write_text("keep\n")
    (tree / "cachefile.txt").write_text("keep too\n")
    result = run_prescan("--dry-run", "-e", r"\.iso$", "--exclude", "/cache/", tree)
    assert result.returncode == 0, result.stderr
    assert sent_paths(result) == {str(tree / "keep.txt"), str(tree / "cachefile.txt")}


def test_invalid_exclude_is_a_usage_error(workdir):
    result = run_prescan("--dry-run", "-e", "(unclosed", workdir)
    assert result.returncode == 64
    assert "(unclosed" in result.stderr


@pytest.mark.parametrize("args", [[], ["--no-such-option", "/"], ["--wait=later", "/"],
                                  ["--rescan-older-than", "old", "/"], ["-p", "0", "/"]])
def test_usage_errors_exit_64(args):
    result = run_prescan(*args)
    assert result.returncode == 64
    assert "--help" in result.stderr


def test_one_file_system_stays_on_the_roots_file_system(workdir):
    tree = workdir / "tree"
    mnt = tree / "mnt"
    mnt.mkdir(parents=True)
    (tree / "here.txt").write_text("here\n")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "scannedonly-test", mnt], check=True)
    try:
        (mnt / "there.txt").write_text("there\n")
        crossing = run_prescan("--dry-run", tree)
        staying = run_prescan("--dry-run", "-x", tree)
    finally:
        subprocess.run(["umount", mnt], check=True)
    assert sent_paths(crossing) == {str(tree / "here.txt"), str(mnt / "there.txt")}
    assert sent_paths(staying) == {str(tree / "here.txt")}


def test_unreadable_directory_is_reported_and_the_walk_goes_on(workdir):
    tree = workdir / "tree"
    (tree / "a_locked").mkdir(parents=True)
    (tree / "a_locked" / "hidden.txt").write_text("hidden\n")
    (tree / "b_open").mkdir()
    (tree / "b_open" / "visible.txt").write_text("visible\n")
    (tree / "top.txt").write_text("top\n")
    os.chmod(tree / "a_locked", 0o000)
    result = run_prescan("--dry-run", tree, as_user="nobody")
    assert result.returncode == 2, result.stderr
    assert f"cannot open directory {tree / 'a_locked'}: Permission denied" in result.stderr
    assert sent_paths(result) == {str(tree / "b_open" / "visible.txt"), str(tree / "top.txt")}
    assert "errors 1" in result.stderr


def test_names_that_cannot_be_sent_are_reported(workdir):
    tree = workdir / "tree"
    tree.mkdir()
    (tree / "ok.txt").write_text("ok\n")
    (tree / "two\nlines").write_text("newline in the name\n")
    result = run_prescan("--dry-run", tree)
    assert result.returncode == 2
    assert "path contains a newline" in result.stderr
    assert sent_paths(result) == {str(tree / "ok.txt")}


def test_printed_paths_have_control_characters_escaped(workdir):
    """Users choose the names: printed raw, one could forge output lines or
    send escape sequences to the administrator's terminal."""
    tree = workdir / "tree"
    tree.mkdir()
    (tree / "red\x1b[31m\rfake").write_text("x\n")
    (tree / "two\nlines").write_text("x\n")
    (tree / "back\\slash").write_text("x\n")
    with open(os.fsencode(tree) + b"/caf\xe9", "wb") as latin1:
        latin1.write(b"x\n")
    result = run_prescan("--dry-run", tree)
    assert result.returncode == 2
    assert f"send {tree}/red\\x1b[31m\\x0dfake\n" in result.stdout
    assert f"send {tree}/back\\x5cslash\n" in result.stdout
    assert f"cannot send {tree}/two\\x0alines: path contains a newline\n" in result.stderr
    assert f"cannot send {tree}/caf\\xe9: path is not valid UTF-8\n" in result.stderr
    assert not {"\x1b", "\r"} & set(result.stdout + result.stderr)
    assert len(result.stdout.splitlines()) == 2


def test_without_a_daemon_it_says_so(workdir):
    (workdir / "f.txt").write_text("f\n")
    result = run_prescan("--wait=5s", "--socket", workdir / "no-daemon.sock", workdir)
    assert result.returncode == 2
    assert "is scannedonlyd running?" in result.stderr
    assert str(workdir / "no-daemon.sock") in result.stderr
