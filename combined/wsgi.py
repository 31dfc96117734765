"""WSGI entry point for the combined site: ``combined.wsgi:application``.

Serve this with uWSGI (``deploy/uwsgi.ini``) or any WSGI server, with
``DJANGO_SETTINGS_MODULE`` naming the site's settings, as for Django's own
``wsgi.py``. Importing it builds the application and nothing else; a bad setting
stops the import with one line naming it.

``deploy/uwsgi.ini`` names the settings with uWSGI's ``env`` option. uWSGI from the
``pyuwsgi`` wheel (the one the project installs) starts Python before it reads its
config, so that option reaches the process's environment but not ``os.environ``,
Python's copy made at start-up (unbit/uwsgi#1980): the name is taken from the
process's environment then.
"""

import ctypes
import os

from combined.app import create_app

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


if not os.environ.get(SETTINGS_VARIABLE):
    named = process_environment(SETTINGS_VARIABLE)
    if named:
        os.environ[SETTINGS_VARIABLE] = named

if not os.environ.get(SETTINGS_VARIABLE):
    raise SystemExit(
        "configuration error: DJANGO_SETTINGS_MODULE: not set; name the site's settings "
        "module, as its manage.py does (e.g. DJANGO_SETTINGS_MODULE=mysite.settings)"
    )

application = create_app()
