"""What both benchmarks share: the integration harness, process figures,
percentiles and the markdown they print."""
import os
import pathlib
import shutil
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "tests" / "integration"))

from harness import env  # noqa: E402,F401  (re-exported for the benchmarks)

_CLOCK_TICKS = 100  # USER_HZ on Linux


def memory_kib(pid):
    """Current and peak resident set size, from /proc."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()[0] if value.split() else "0"
    return int(fields.get("VmRSS", 0)), int(fields.get("VmHWM", 0))


def cpu_seconds(pid):
    """User plus system CPU time the process (all its threads) has used."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS


def percentile(values, q):
    """Nearest-rank percentile: q in 0..100."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * q // 100))
    return ordered[int(rank) - 1]


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def total_bytes(paths):
    return sum(pathlib.Path(p).stat().st_size for p in paths)


def add_corpus_arguments(parser):
    """The throughput corpus (gen_corpus.write_corpus) and the wait before
    the timed runs."""
    parser.add_argument("--small", type=int, default=4000)
    parser.add_argument("--archives", type=int, default=100)
    parser.add_argument("--large", type=int, default=3)
    parser.add_argument("--settle", type=float, default=default_settle_seconds(),
                        help="seconds to wait before the timed runs (default: the kernel's "
                        "dirty_expire_centisecs, see common.default_settle_seconds)")
    parser.add_argument("--seed", type=int, default=1)


def add_workdir_arguments(parser, root_help=""):
    parser.add_argument("--root", help="where to create the work directory (default: $TMPDIR "
                        f"or /tmp){root_help}")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")


def parse_daemon_bench_arguments(parser, root_help=""):
    """A benchmark's command line, with --root and --keep; the daemon must
    have been built."""
    add_workdir_arguments(parser, root_help)
    args = parser.parse_args()
    if not pathlib.Path(env.DAEMON).exists():
        parser.error(f"no scannedonlyd at {env.DAEMON}: build first (bench/run.sh does)")
    return args


def run_in_workdir(prefix, args, body):
    """Runs body(workdir, args) in a fresh work directory below args.root,
    removed afterwards unless args.keep."""
    workdir = make_workdir(prefix, args.root)
    try:
        body(workdir, args)
    finally:
        if args.keep:
            print(f"work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def default_settle_seconds():
    """ext4 without a journal skips inodes freed within the last
    dirty_expire_centisecs when it allocates new ones, so every file deleted
    shortly before a run (the previous run's corpus, the other daemon's
    temporary directories) makes each file the next run creates cost more.
    Waiting that long before each timed run starts every run alike."""
    with open("/proc/sys/vm/dirty_expire_centisecs") as f:
        return int(f.read()) / 100 + 1


def settle(seconds):
    """Writes back what earlier steps left dirty, then lets the filesystem
    forget recent deletions (see default_settle_seconds)."""
    os.sync()
    time.sleep(seconds)


def drop_caches():
    """Writes back, then empties the page cache, so a run reads its files
    from the disk, as a scan of files nobody has touched lately does (tmpfs
    keeps its files in memory regardless)."""
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def make_workdir(prefix, root=None):
    """A work directory below root (default: the system's temp dir), with a
    tmp/ that the daemons' libclamav uses for its per-scan temporary files,
    so both peers' temporary files live on the filesystem under test."""
    workdir = pathlib.Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    os.chmod(workdir, 0o755)  # smbd's guest user and clamd must traverse it
    (workdir / "tmp").mkdir()
    os.environ["TMPDIR"] = str(workdir / "tmp")
    return workdir
