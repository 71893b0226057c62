"""Passing a socket to a process as systemd's socket activation does
(sd_listen_fds(3)): as descriptor 3, with LISTEN_FDS=1 and LISTEN_PID set
to the process's own pid, which only a wrapper that execs it can know."""
import os
import socket

FIRST_FD = 3  # SD_LISTEN_FDS_START


def bound_socket(path, kind=socket.SOCK_DGRAM):
    """A unix socket bound at path with mode 0666, as scannedonlyd.socket
    (SocketMode=0666) makes it."""
    s = socket.socket(socket.AF_UNIX, kind)
    old = os.umask(0o111)
    try:
        s.bind(str(path))
    finally:
        os.umask(old)
    return s


def activated(argv, env, sock):
    """The argv, environment and extra Popen arguments that start argv with
    sock passed as systemd passes it."""
    wrapper = ["/bin/sh", "-c", 'export LISTEN_PID=$$; exec "$@"', "sh", *argv]

    def put_at_first_fd():
        os.dup2(sock.fileno(), FIRST_FD)  # inheritable, unlike the original

    return wrapper, dict(env, LISTEN_FDS="1"), {"preexec_fn": put_at_first_fd,
                                                "pass_fds": (FIRST_FD,)}
