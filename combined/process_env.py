"""``DJANGO_SETTINGS_MODULE`` as the process has it, for the servers' entry points.

uWSGI from the ``pyuwsgi`` wheel (the one the project installs) starts Python before
it reads its config, so its ``env`` option (``deploy/uwsgi.ini`` names the settings
module with it) reaches the process's environment but not ``os.environ``, Python's
copy made at start-up (unbit/uwsgi#1980). :func:`settings_module` looks in both and
puts the name into ``os.environ``, where Django looks; ``combined.wsgi`` (the workers)
and ``combined.preflight`` (the master) call it before anything reads a setting.
"""

from __future__ import annotations

import ctypes
import os

SETTINGS_VARIABLE = "DJANGO_SETTINGS_MODULE"


def process_environment(name: str) -> str | None:
    """``name`` as the C library's ``getenv`` sees it (uWSGI's ``env`` option sets it)."""
    try:
        getenv = ctypes.CDLL(None).getenv
    except (OSError, AttributeError, TypeError):  # no C library to ask (not on Linux or macOS)
        return None
    getenv.restype = ctypes.c_char_p
    value = getenv(name.encode())
    return os.fsdecode(value) if value else None


def settings_module() -> str | None:
    """The settings module's name, now in ``os.environ`` too; None if nobody named one."""
    if not os.environ.get(SETTINGS_VARIABLE):
        named = process_environment(SETTINGS_VARIABLE)
        if named:
            os.environ[SETTINGS_VARIABLE] = named
    return os.environ.get(SETTINGS_VARIABLE) or None
