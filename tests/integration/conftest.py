import os
import shutil
import tempfile

import pytest

from harness import env


@pytest.fixture(scope="session")
def vfs_module():
    """The freshly built module, installed where smbd looks for it. A build
    configured without it (SCANNEDONLY_SANITIZE) says so with an empty
    SCANNEDONLY_VFS_MODULE; only then are the tests that need it skipped."""
    if os.environ.get("SCANNEDONLY_VFS_MODULE", None) == "":
        pytest.skip("this build has no module")
    return env.install_vfs_module()


@pytest.fixture
def workdir():
    """A temp dir that smbd's guest user (nobody) can traverse; pytest's own
    tmp_path sits below a 0700 directory."""
    path = tempfile.mkdtemp(prefix="scannedonly-test-")
    os.chmod(path, 0o755)
    yield env.pathlib.Path(path)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def share_dir(workdir):
    """A share directory guests may write to."""
    share = workdir / "share"
    share.mkdir()
    os.chmod(share, 0o777)
    return share


@pytest.fixture
def share(share_dir):
    """The daemon tests' name for the share directory."""
    return share_dir
