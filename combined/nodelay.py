"""Turn Nagle's algorithm off on the TCP sockets uWSGI listens on (imported by uwsgi.ini).

Why: uWSGI's HTTP router writes a response to the client as it reads it from the
worker. A ``static-map`` file comes in two pieces (the worker writes the headers,
then the body with ``sendfile``; with offload threads, from another thread), so the
router often writes twice. On a kept-alive connection the kernel holds the second,
small write until the client acknowledges the first, and clients delay that
acknowledgement by up to 40 ms: static files after the first on a connection took
about 40 ms each (24 requests/s for a 1 KB file over one connection with
``offload-threads = 1``, 650 without, against 4,000 when each request had its own
connection). The router has no option for ``TCP_NODELAY`` (``tcp-nodelay`` applies to
the workers' sockets), but Linux copies it from a listening socket to every
connection accepted on it. So ``deploy/uwsgi.ini`` imports this module in the master
(``shared-py-import``), after uWSGI has bound its sockets and before the router and
workers accept anything, and it sets ``TCP_NODELAY`` on each listening TCP socket.

When not to use it: anywhere but a uWSGI master. Importing it elsewhere does nothing.
"""

from __future__ import annotations

import os
import socket

TCP_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def listening_tcp_fds(fds: list[int]) -> list[int]:
    """The descriptors among ``fds`` that are listening TCP sockets."""
    found = []
    for fd in fds:
        try:
            sock = socket.socket(fileno=fd)
        except OSError:  # not a socket
            continue
        try:
            if (
                sock.family in TCP_FAMILIES
                and sock.type == socket.SOCK_STREAM
                and sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
            ):
                found.append(fd)
        finally:
            sock.detach()  # the descriptor stays uWSGI's
    return found


def set_nodelay(fds: list[int]) -> None:
    for fd in fds:
        sock = socket.socket(fileno=fd)
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        finally:
            sock.detach()


def open_fds() -> list[int]:
    try:
        return sorted(int(name) for name in os.listdir("/proc/self/fd"))
    except OSError:  # no /proc: not Linux, where the option is not inherited anyway
        return []


try:
    import uwsgi  # noqa: F401 -- only importable inside uWSGI
except ImportError:
    pass
else:
    set_nodelay(listening_tcp_fds(open_fds()))
