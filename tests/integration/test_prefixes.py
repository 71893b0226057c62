"""Other reserved name prefixes, given alike to the daemon (--pref-*), the
prescan tool (--pref-*) and the module (pref_*): every part finds the
others' markers, so files are served. Before, the daemon and the prescan
tool used the default prefixes whatever the module said, and no file was
ever reachable."""
from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.prescan import run_prescan
from harness.samba import SmbServer
from harness.signatures import write_eicar
from harness.vfs import get, listing, module_share

PREFIXES = {"scanned": "_ok_", "virus": "_bad_", "failed": "_err_"}
OPTIONS = [arg for kind, prefix in PREFIXES.items() for arg in (f"--pref-{kind}", prefix)]


def test_every_part_uses_the_configured_prefixes(workdir, share_dir, vfs_module):
    old = share_dir / "old.txt"
    old.write_text("already there\n")
    write_eicar(share_dir / "eicar.com")
    with ScannedonlyDaemon(workdir / "daemon", scanroots=[share_dir],
                           extra_args=OPTIONS + ["--max-filesize", "1k"]) as d:
        result = run_prescan("--wait=60s", "-s", d.socket_path, *OPTIONS, share_dir)
        assert result.returncode == 1, result.stdout + result.stderr  # found the virus
        assert (share_dir / "_ok_old.txt").exists()
        assert (share_dir / "_bad_eicar.com").exists()
        assert not (share_dir / ".scanned:old.txt").exists()
        big = share_dir / "big.bin"
        big.write_bytes(b"x" * 4096)  # over MaxFileSize: fails
        new = share_dir / "new.txt"
        new.write_text("uploaded later\n")
        share = module_share(share_dir, socketname=d.socket_path, **{
            f"pref_{kind}": prefix for kind, prefix in PREFIXES.items()})
        with SmbServer(workdir / "smbd", {"s": share}) as smbd:
            assert get(smbd, "s", "old.txt", workdir / "old").returncode == 0
            result = get(smbd, "s", "new.txt", workdir / "new")  # scanned on open
            assert result.returncode == 0, result.stdout + result.stderr
            get(smbd, "s", "big.bin", workdir / "big")
            wait_until((share_dir / "_err_big.bin").exists, 20, what="the failed marker")
            names = listing(smbd, "s")
            assert "old.txt" in names and "new.txt" in names
            assert not any(n.startswith(("_ok_", "_bad_", "_err_")) for n in names), names
        assert (share_dir / "_ok_new.txt").exists()
