"""What a read of a scanned file nobody changes costs: one fstat more than
on a plain share, counted with strace on the smbd serving the connection."""
import collections
import os
import re
import shutil
import signal
import subprocess
import time

import pytest

from harness.net import wait_until
from harness.samba import SmbServer
from harness.vfs import mark_scanned, module_share, smbc_context, smbc_url

READS = 200
STAT_CALLS = {"stat", "lstat", "fstat", "newfstatat", "fstatat64", "statx"}
READ_PATHS = {"aio": {}, "sync": {"aio read size": "0"}}

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace")


def connection_pids(smbd):
    """smbd processes serving a client; libsmbclient's client has two sessions."""
    out = subprocess.run(["smbstatus", f"--configfile={smbd.conf}", "-p"],
                         capture_output=True, text=True, check=True).stdout
    return {int(line.split()[0]) for line in out.splitlines()
            if line.split() and line.split()[0].isdigit()}


def syscalls_of_reads(workdir, settings):
    """System calls per name that smbd makes for READS reads of 4 KiB."""
    with SmbServer(workdir, {"s": settings}) as smbd:
        handle = smbc_context().open(smbc_url(smbd, "s", "scanned.bin"), os.O_RDONLY)
        assert handle.read(4096)  # connected and judged at its open
        [pid] = wait_until(lambda: connection_pids(smbd), 10, what="the connection's smbd")
        trace = workdir / "strace.txt"
        tracer = subprocess.Popen(["strace", "-f", "-qq", "-o", str(trace),
                                   "-p", str(pid)])
        time.sleep(1)  # attached
        for _ in range(READS):
            handle.seek(0)
            assert len(handle.read(4096)) == 4096
        time.sleep(0.5)
        tracer.send_signal(signal.SIGINT)
        tracer.wait(10)
        handle.close()
    return collections.Counter(re.findall(r"^\d+\s+(\w+)\(", trace.read_text(), re.M))


@pytest.mark.parametrize("read_path", READ_PATHS)
def test_read_of_an_unchanged_scanned_file_costs_one_fstat(workdir, share_dir, vfs_module,
                                                           read_path):
    scanned = share_dir / "scanned.bin"
    scanned.write_bytes(os.urandom(64 * 1024))
    mark_scanned(scanned)
    plain = {"path": share_dir, "guest ok": "yes", "read only": "no", **READ_PATHS[read_path]}
    module = {**module_share(share_dir, socketname="/nonexistent/scan"),
              **READ_PATHS[read_path]}
    with_module = syscalls_of_reads(workdir / "smbd-module", module)
    without = syscalls_of_reads(workdir / "smbd-plain", plain)
    stats = sum(with_module[c] for c in STAT_CALLS) - sum(without[c] for c in STAT_CALLS)
    assert with_module["pread64"] >= READS, with_module
    assert stats == READS, (with_module, without)
    # Nothing else: no marker stat, no readlink, no open per read.
    for call in ("readlink", "openat", "getxattr", "fgetxattr"):
        assert with_module[call] <= without[call] + 2, (call, with_module, without)
