"""Samba's own protocol tests (smbtorture, package samba-testsuite) run
against a harness smbd, with results per subtest so shares can be compared."""
import pwd
import re
import subprocess
import time

# The smb2 suites that exercise the hooks the module implements: create/open,
# rename, directory listing, read, delete-on-close and getinfo (stat).
SUITES = ("smb2.create", "smb2.rename", "smb2.dir", "smb2.read",
          "smb2.delete-on-close-perms", "smb2.getinfo")
USER = "sotorture"
PASSWORD = "Torture-pw1"
FAILED = ("failure", "error", "timeout", "missing")

# smbtorture's subunit-like lines: "success: NAME" or "failure: NAME [".
_RESULT = re.compile(r"^(success|failure|error|skip|xfail|uxsuccess): (.+?)(?: \[.*)?$",
                     re.M)


def ensure_unix_user(name=USER):
    """smbd maps the authenticated user to a unix account; created once per
    machine, without a home or login shell."""
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home",
                        "--shell", "/usr/sbin/nologin", name], check=True)


def add_samba_user(server, name=USER, password=PASSWORD):
    """Adds the user to the server's own tdbsam passdb (not the system's)."""
    ensure_unix_user(name)
    subprocess.run(["pdbedit", f"--configfile={server.conf}", "-a", "-u", name, "-t"],
                   input=f"{password}\n{password}\n", capture_output=True, text=True,
                   check=True)


def run_suite(server, share, suite, timeout=120):
    """Runs one suite; returns {"suite.subtest": status}. A suite that does
    not finish in time counts as one "timeout" result."""
    argv = ["smbtorture", f"//127.0.0.1/{share}", "-p", str(server.port),
            f"--configfile={server.conf}", "-U", f"{USER}%{PASSWORD}", "--seed=1",
            f"--maximum-runtime={timeout}", suite]
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=timeout + 30).stdout
    except subprocess.TimeoutExpired:
        return {suite: "timeout"}
    results = {}
    for status, name in _RESULT.findall(out):
        key = f"{suite}.{name}"
        # A few suites reuse a subtest name; the worst result counts.
        if results.get(key) not in FAILED:
            results[key] = status
    return results or {suite: "error"}


def run_suites(server, share, suites=SUITES, budget=300):
    """All suites within budget seconds (ctest stops a test after 900 s):
    a suite that no longer fits counts as a "timeout" result."""
    deadline = time.monotonic() + budget
    results = {}
    for suite in suites:
        left = int(deadline - time.monotonic())
        results.update(run_suite(server, share, suite, min(120, left)) if left > 10
                       else {suite: "timeout"})
    return results


def added_failures(plain, module):
    """Subtests that fail (or never ran) on the module's share but not on
    the plain one."""
    names = set(plain) | set(module)
    return sorted(name for name in names
                  if module.get(name, "missing") in FAILED
                  and plain.get(name, "missing") not in FAILED)


def markdown_table(plain, module):
    rows = ["| subtest | plain share | scannedonly share |", "|---|---|---|"]
    for name in sorted(set(plain) | set(module)):
        p, m = plain.get(name, "missing"), module.get(name, "missing")
        mark = " **added failure**" if m in FAILED and p not in FAILED else ""
        rows.append(f"| `{name}` | {p} | {m}{mark} |")
    return "\n".join(rows) + "\n"
