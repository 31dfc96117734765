"""Validate the settings once in the uWSGI master, before any worker forks.

With ``lazy-apps`` each worker imports the app itself, so a bad setting would only
kill workers, and the master would respawn them forever. ``deploy/uwsgi.ini``
imports this module in the master (``shared-py-import``): a bad value then stops
the whole server with the one-line ``SettingsError`` message.

It also checks that uWSGI's ``limit-post`` is at or above the app's ``MAX_BODY_BYTES``:
uWSGI reads that variable from its own environment, not from ``.env``, and a backstop
below the app's limit would close connections the app would have answered (the app
answers a body over its limit with a 413 page; ``limit-post`` is twice it).

It checks the node's own variables (``COMBINED_PROCESSES``, ``COMBINED_HTTP``,
``COMBINED_SOCKET``), which uWSGI would read without a word of complaint.

And it stops a node started with ``--set-ph http-bind=...`` (or ``socket-bind``)
*after* ``--ini``: uWSGI reads its options in order, so by then the ini has already
bound its defaults, and the placeholder would be ignored without a word.
"""

import os
import re
from collections.abc import Mapping
from pathlib import Path

from django.conf import settings as django_settings

from combined import conf
from combined.conf import SettingsError
from combined.process_env import SETTINGS_VARIABLE, settings_module

BIND_PLACEHOLDERS = ("http-bind", "socket-bind")
SET_PLACEHOLDER = ("--set-ph", "--set-placeholder")


def misplaced_binds(argv: list[str]) -> list[str]:
    """The bind placeholders ``argv`` sets after its first ``--ini`` (too late to count)."""
    late, seen_ini = [], False
    for i, arg in enumerate(argv):
        name, _, inline = arg.partition("=")
        if name == "--ini":
            seen_ini = True
        elif seen_ini and name in SET_PLACEHOLDER:
            value = inline if inline else (argv[i + 1] if i + 1 < len(argv) else "")
            key = value.split("=", 1)[0]
            if key in BIND_PLACEHOLDERS:
                late.append(key)
    return late


_ADDRESS = re.compile(r"(?P<host>[^\s:]*|\[[0-9A-Fa-f:.]+\]):(?P<port>[0-9]{1,5})")


def check_node_environment(environ: Mapping[str, str]) -> None:
    """The node's own variables (``deploy/uwsgi.ini``), which uWSGI reads without a
    check: ``COMBINED_PROCESSES=abc`` ran one worker, and ``COMBINED_HTTP=8000`` or a
    port over 65535 bound a UNIX socket file or a different port."""
    processes = environ.get("COMBINED_PROCESSES")
    if processes is not None and not (processes.isdigit() and 1 <= int(processes) <= 512):
        raise SettingsError(
            "COMBINED_PROCESSES", f"{processes!r} is not a number of workers (1-512)"
        )
    for name in ("COMBINED_HTTP", "COMBINED_SOCKET"):
        value = environ.get(name)
        if value is None or value.startswith("/"):  # an absolute path: a UNIX socket
            continue
        found = _ADDRESS.fullmatch(value)
        if found is None or not 0 < int(found["port"]) < 65536:
            raise SettingsError(
                name,
                f"{value!r} is not host:port (e.g. 127.0.0.1:8000, :8000) or the absolute "
                "path of a UNIX socket",
            )


def own_argv() -> list[str]:
    try:
        raw = Path("/proc/self/cmdline").read_bytes()
    except OSError:  # not Linux: nothing to check
        return []
    return [arg.decode(errors="replace") for arg in raw.split(b"\0") if arg]


# Loads the site's settings module: a bad value stops here with its one line.
if settings_module() is None:
    raise SettingsError(SETTINGS_VARIABLE, "not set; deploy/uwsgi.ini's env option names it")
django_settings.SECRET_KEY  # noqa: B018

try:
    import uwsgi  # only importable inside uWSGI
except ImportError:
    uwsgi = None

if uwsgi is not None:
    check_node_environment(os.environ)
    limit = uwsgi.opt.get("limit-post")
    if isinstance(limit, bytes) and int(limit) < conf.max_body_bytes():
        raise SettingsError(
            "MAX_BODY_BYTES",
            f"uWSGI limit-post is {int(limit)}, below the app's {conf.max_body_bytes()}; "
            "set MAX_BODY_BYTES in the environment uWSGI starts with, not only in .env",
        )
    late = misplaced_binds(own_argv())
    if late:
        raise SettingsError(
            late[0],
            f"--set-ph {late[0]}=... comes after --ini, where deploy/uwsgi.ini has already "
            "chosen where to listen; put it before --ini (or use the COMBINED_HTTP / "
            "COMBINED_SOCKET environment variables)",
        )
