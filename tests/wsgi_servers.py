"""The three WSGI servers the project ships a config for, as commands a test can start.

Each is the documented command (docs/deploy.md, "Choosing a server") with the
interpreter's own ``bin/`` (the project's ``.venv/bin`` in a test run):

    uwsgi     .venv/bin/uwsgi --ini deploy/uwsgi.ini             (the default)
    gunicorn  .venv/bin/gunicorn -c deploy/gunicorn.conf.py
    granian   .venv/bin/python deploy/serve_granian.py

``command(name, app)`` serves another WSGI app with the same config (the test-only
app, ``tests.servers.TEST_APP``); every other option stays the config's. Each reads
``COMBINED_HTTP`` for where to listen and ``COMBINED_PROCESSES`` for its workers.
"""

from __future__ import annotations

from tests.servers import BIN

SERVERS = ("uwsgi", "gunicorn", "granian")
DEFAULT = "uwsgi"


def command(name: str, app: str | None = None) -> list[str]:
    """The argv that starts server ``name`` from its config in deploy/."""
    if name == "uwsgi":
        module = ["--module", app] if app else []
        return [str(BIN / "uwsgi"), "--ini", "deploy/uwsgi.ini", *module]
    if name == "gunicorn":
        return [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", *([app] if app else [])]
    if name == "granian":
        return [str(BIN / "python"), "deploy/serve_granian.py", *([app] if app else [])]
    raise ValueError(f"unknown server {name!r}; one of {', '.join(SERVERS)}")
