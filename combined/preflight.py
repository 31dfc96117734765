"""Validate the settings once in the uWSGI master, before any worker forks.

With ``lazy-apps`` each worker imports the app itself, so a bad setting would only
kill workers, and the master would respawn them forever. ``deploy/uwsgi.ini``
imports this module in the master (``shared-py-import``): a bad value then stops
the whole server with the one-line ``SettingsError`` message.

It also checks that uWSGI's ``limit-post`` is the app's ``MAX_BODY_BYTES``: uWSGI
reads that variable from its own environment, not from ``.env``, and a mismatch
would give one limit at the server and another in the app.
"""

from core.settings import SettingsError, get_settings

settings = get_settings()

try:
    import uwsgi  # only importable inside uWSGI
except ImportError:
    uwsgi = None

if uwsgi is not None:
    limit = uwsgi.opt.get("limit-post")
    if isinstance(limit, bytes) and int(limit) != settings.max_body_bytes:
        raise SettingsError(
            "MAX_BODY_BYTES",
            f"uWSGI limit-post is {int(limit)} but the app uses {settings.max_body_bytes}; "
            "set MAX_BODY_BYTES in the environment uWSGI starts with, not only in .env",
        )
