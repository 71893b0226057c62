"""Samba's own smb2 protocol tests against a share with the module and the
same share without it, in one run: the module may not add a failure.

The plain share's results are the baseline, so the test compares rather than
hard-coding which smbtorture subtests pass in this environment. See
docs/smbtorture.md for the settings and the latest results; set
SCANNEDONLY_SMBTORTURE_REPORT=FILE to write the results table there."""
import contextlib
import os
import pathlib

from harness import env, smbtorture
from harness.daemon import ScannedonlyDaemon
from harness.samba import SmbServer


# Stored NT ACLs, DOS attributes and streams, as Samba's own selftest shares
# have them: without them many subtests fail on any share.
STACK = "acl_xattr streams_xattr"


def share(path):
    path.mkdir()
    os.chmod(path, 0o777)
    return {"path": path, "read only": "no", "guest ok": "no", "vfs objects": STACK,
            "ea support": "yes", "store dos attributes": "yes"}


def module_options(daemon):
    """The module as deployed, except: files smbtorture has just written may
    be opened and listed before the daemon has scanned them (the tests check
    protocol semantics, not scan timing), and the open/readdir waits are
    short so a run stays bounded."""
    options = {"vfs objects": f"scannedonly {STACK}",
               "scannedonly:allow_nonscanned_files": "yes",
               "scannedonly:hide_nonscanned_files": "no",
               "scannedonly:recheck_tries_open": "2",
               "scannedonly:recheck_time_open": "10",
               "scannedonly:recheck_tries_readdir": "1",
               "scannedonly:recheck_time_readdir": "10"}
    if daemon:
        options["scannedonly:socketname"] = daemon.socket_path
    return options


def daemon_if_built(workdir, scanroot):
    """With the daemon, markers really appear beside the files the tests
    create, so hiding, renaming and removing them is exercised too."""
    if not pathlib.Path(env.DAEMON).exists():
        return contextlib.nullcontext()
    return ScannedonlyDaemon(workdir / "daemon", scanroots=[scanroot])


def test_module_adds_no_smbtorture_failure(workdir, vfs_module):
    plain = share(workdir / "plain")
    module = share(workdir / "module")
    with daemon_if_built(workdir, module["path"]) as daemon:
        module.update(module_options(daemon))
        with SmbServer(workdir / "smbd", {"plain": plain, "module": module}) as smbd:
            smbtorture.add_samba_user(smbd)
            plain_results = smbtorture.run_suites(smbd, "plain")
            module_results = smbtorture.run_suites(smbd, "module")
    report = os.environ.get("SCANNEDONLY_SMBTORTURE_REPORT")
    if report:
        pathlib.Path(report).parent.mkdir(parents=True, exist_ok=True)
        pathlib.Path(report).write_text(smbtorture.markdown_table(plain_results,
                                                                  module_results))
    assert any(s == "success" for s in plain_results.values()), plain_results
    assert smbtorture.added_failures(plain_results, module_results) == []
