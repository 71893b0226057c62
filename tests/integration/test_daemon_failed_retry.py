"""A file whose scan failed is not scanned (and warned about) again on every
request: only when it changes, when the signatures or limits change, or
after FailedRetryInterval. Each request is shown handled by the daemon's
log line for it, not by the absence of a scan."""
import signal
import time

from harness.daemon import ScannedonlyDaemon
from harness.net import wait_until
from harness.verdicts import FAILED, wait_for_marker

NOT_AGAIN = "failed before, not scanned again"


def count(d, text):
    return d.log_text().count(text)


def request_handled(d, path, before):
    """Sends one request and waits until the daemon has either scanned the
    file or logged that its failure stands."""
    d.request(path)
    wait_until(lambda: count(d, f"scanning: {path} ") + count(d, f"{NOT_AGAIN}") > before,
               20, what=f"request for {path} handled")
    return count(d, f"scanning: {path} ") + count(d, f"{NOT_AGAIN}")


def failing_daemon(workdir, share, *args):
    # Over MaxFileSize: the scan fails, the same way every time.
    return ScannedonlyDaemon(workdir / "daemon", scanroots=[share],
                             extra_args=["--max-filesize", "1k", *args])


def first_failure(d, path):
    path.write_bytes(b"a" * 4096)
    handled = request_handled(d, path, 0)
    wait_for_marker(path, FAILED)
    wait_until(lambda: count(d, f"scan failed: {path}") == 1, 10, what="the warning")
    return handled


def test_three_requests_one_scan_one_warning(workdir, share):
    big = share / "big.bin"
    with failing_daemon(workdir, share) as d:
        handled = first_failure(d, big)
        for _ in range(2):
            handled = request_handled(d, big, handled)
        assert count(d, f"{NOT_AGAIN}") == 2
        assert count(d, f"{NOT_AGAIN} until it, the signatures or the limits change or "
                        f"FailedRetryInterval passes: {big}") == 2
        assert count(d, f"scanning: {big} ") == 1
        assert count(d, f"scan failed: {big}") == 1


def test_scanned_again_once_the_file_changed(workdir, share):
    big = share / "big.bin"
    with failing_daemon(workdir, share) as d:
        handled = first_failure(d, big)
        big.write_bytes(b"b" * 4096)
        request_handled(d, big, handled)
        wait_until(lambda: count(d, f"scan failed: {big}") == 2, 10, what="a second scan")
        assert count(d, f"scanning: {big} ") == 2
        assert count(d, NOT_AGAIN) == 0


def test_scanned_again_after_the_signatures_were_reloaded(workdir, share):
    big = share / "big.bin"
    with failing_daemon(workdir, share) as d:
        handled = first_failure(d, big)
        handled = request_handled(d, big, handled)
        assert count(d, NOT_AGAIN) == 1
        d.process.signal(signal.SIGUSR2)
        d.process.wait_for_log("signature database reloaded", timeout=30)
        request_handled(d, big, handled)
        wait_until(lambda: count(d, f"scan failed: {big}") == 2, 10, what="a second scan")
        assert count(d, NOT_AGAIN) == 1


def test_scanned_again_after_the_backoff(workdir, share):
    big = share / "big.bin"
    with failing_daemon(workdir, share, "--failed-retry", "2s") as d:
        handled = first_failure(d, big)
        handled = request_handled(d, big, handled)
        assert count(d, NOT_AGAIN) == 1
        time.sleep(2.2)  # the backoff
        request_handled(d, big, handled)
        wait_until(lambda: count(d, f"scan failed: {big}") == 2, 10, what="a retry")
        assert count(d, NOT_AGAIN) == 1
