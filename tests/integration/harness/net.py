"""Loopback helpers with bounded waits."""
import socket
import time


def free_tcp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_udp_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate, timeout, interval=0.05, what="condition"):
    """Polls predicate until it is true; raises TimeoutError after timeout s."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def udp_refused(host, port, timeout=5):
    """Waits until a datagram to host:port comes back refused (ICMP port
    unreachable): proof that no socket listens there."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.connect((host, port))

        def refused():
            try:
                s.send(b"\n")
            except ConnectionRefusedError:
                return True
            return False
        return wait_until(refused, timeout, what=f"{host}:{port} refusing datagrams")


def tcp_port_open(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False
