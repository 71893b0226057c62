"""Where the build put things, as ctest tells us through the environment."""
import os
import pathlib
import shutil

SOURCE_DIR = pathlib.Path(os.environ.get("SCANNEDONLY_SOURCE_DIR",
                                         pathlib.Path(__file__).resolve().parents[3]))
BUILD_DIR = pathlib.Path(os.environ.get("SCANNEDONLY_BUILD_DIR", SOURCE_DIR / "build"))
VFS_MODULE = os.environ.get("SCANNEDONLY_VFS_MODULE") or str(BUILD_DIR / "vfs" / "scannedonly.so")
DAEMON = os.environ.get("SCANNEDONLYD") or str(BUILD_DIR / "daemon" / "scannedonlyd")
PRESCAN = os.environ.get("SCANNEDONLY_PRESCAN") or str(BUILD_DIR / "prescan" /
                                                       "scannedonly_prescan")
CTL = os.environ.get("SCANNEDONLYCTL") or str(BUILD_DIR / "ctl" / "scannedonlyctl")
SAMBA_MODULESDIR = pathlib.Path(os.environ.get("SAMBA_MODULESDIR",
                                               "/usr/lib/x86_64-linux-gnu/samba"))


def install_vfs_module():
    """smbd 4.17 only loads modules from MODULESDIR/vfs, so tests install the
    freshly built one there (atomically, as running smbds may map the old)."""
    target_dir = SAMBA_MODULESDIR / "vfs"
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / "scannedonly.so"
    tmp = target_dir / ".scannedonly.so.tmp"
    shutil.copyfile(VFS_MODULE, tmp)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    return target
