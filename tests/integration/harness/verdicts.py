"""Waiting for the verdicts the daemon leaves beside files."""
import pathlib

from .net import wait_until

SCANNED = ".scanned:"
VIRUS = ".virus:"
FAILED = ".failed:"


def marker_path(path, prefix=SCANNED):
    path = pathlib.Path(path)
    return path.parent / f"{prefix}{path.name}"


def wait_for_marker(path, prefix=SCANNED, timeout=20):
    marker = marker_path(path, prefix)
    wait_until(marker.exists, timeout, what=f"{marker}")
    return marker
