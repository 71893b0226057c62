"""Running the real scannedonly_prescan binary, and trees for it to walk."""
import pathlib
import pwd
import subprocess

from . import env


def run_prescan(*args, timeout=180, as_user=None):
    """Runs scannedonly_prescan with args; returns the CompletedProcess.
    as_user runs it unprivileged (setpriv), where permissions apply."""
    argv = [env.PRESCAN, *map(str, args)]
    if as_user:
        user = pwd.getpwnam(as_user)
        argv = ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}",
                "--clear-groups", "--", *argv]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL)


def make_tree(root, files, depth=4, fanout=3):
    """Writes `files` small distinct files spread over a directory tree
    `depth` levels deep; returns their paths, deepest last."""
    root = pathlib.Path(root)
    dirs = [root]
    frontier = [root]
    for level in range(depth):
        frontier = [d / f"d{level}_{i}" for d in frontier for i in range(fanout)]
        dirs += frontier
    paths = []
    for n in range(files):
        directory = dirs[n % len(dirs)]
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"file{n:04d}.txt"
        path.write_text(f"clean file number {n}\n")
        paths.append(path)
    return paths


def sent_paths(result):
    """The paths a --dry-run would send."""
    return {line[len("send "):] for line in result.stdout.splitlines()
            if line.startswith("send ")}
