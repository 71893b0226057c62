"""The integration tests' harness and fixtures, for the upgrade test."""
import importlib.util
import pathlib
import sys

_INTEGRATION = pathlib.Path(__file__).resolve().parents[1] / "integration"
sys.path.insert(0, str(_INTEGRATION))

_spec = importlib.util.spec_from_file_location("integration_conftest",
                                               _INTEGRATION / "conftest.py")
_integration = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_integration)

workdir = _integration.workdir
share_dir = _integration.share_dir
