"""What ``combined adopt`` writes into a site: only what becomes the site's own.

* ``flask_backend/`` next to ``manage.py``: the site's Flask half (``create_app``,
  built on the layer's ``combined.bridge.factory.new_app``) and its ``migrated/``
  package with an empty ``MOVED_APPS``;
* a block at the end of the settings module ``manage.py`` names, and one at the end
  of the root URLconf, each between ``# combined:begin`` and ``# combined:end``;
* the rendered deployment and doc (``combined.tools.adopt.render``);
* the layer as a dependency (``combined.tools.adopt.requirements``) and the record
  ``.template.json`` that ``combined update`` reads.

Everything the layer runs stays in the installed package. :func:`planned` lists
the paths this creates, so the command can refuse before writing when one exists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

FLASK_INIT = '''"""This site's Flask half: the backend at ``BACKEND_PREFIX``; moved pages.

``create_app`` builds the backend (``combined.bridge.factory.new_app`` gives it the
site's login, session, CSRF check, Host rule and error pages); add blueprints here.
Pages moved from Django live in ``flask_backend/migrated/`` (``MOVED_APPS``).
Written by ``combined adopt``; it is yours to change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask, jsonify

from combined.bridge.factory import new_app


def create_app(*, script_root: str = "", config: Mapping[str, Any] | None = None) -> Flask:
    """The backend, mounted at ``script_root``; ``config`` goes on top of the values
    derived from Django's settings."""
    app = new_app(__name__, script_root, config)

    @app.get("/")
    def index():  # a first page; replace it with your own
        return jsonify({"status": "ok"})

    return app
'''

MIGRATED_INIT = '''"""Pages moved from Django to Flask, at their old URLs: a module per app.

``flask_backend/migrated/<app>.py`` has a blueprint ``bp`` named after the app, whose
routes are the pages' paths; list the module here. The Django route of each moved
page keeps its path and name and points at ``combined.handover.served_by_flask``.
Written by ``combined adopt``; it is yours to change.
"""

MOVED_APPS: list[str] = [
    # One line per Django app with moved pages, e.g. "polls".
]
'''

BEGIN, END = "# combined:begin", "# combined:end"


def settings_block(prefix: str, live: str = "/healthz", ready: str = "/readyz") -> str:
    health = ""
    if (live, ready) != ("/healthz", "/readyz"):  # the layer's defaults (combined.conf)
        health = f'HEALTH_PATHS = {{"live": "{live}", "ready": "{ready}"}}  # combined.health\n'
    return f"""

{BEGIN} -- the Django+Flask layer (combined adopt; docs/combined-layer.md)
INSTALLED_APPS = [*INSTALLED_APPS, "combined"]  # the layer's system checks
WSGI_APPLICATION = "combined.wsgi.application"  # runserver serves both halves
BACKEND_PREFIX = "{prefix}"  # where the Flask backend is mounted
{health}{END}
"""


URLCONF_BLOCK = f"""

{BEGIN} -- BACKEND_PREFIX for Django's test clients (combined adopt)
from django.urls import include as _combined_include  # noqa: E402
from django.urls import path as _combined_path  # noqa: E402

urlpatterns = [*urlpatterns, _combined_path("", _combined_include("combined.urls"))]
{END}
"""


def planned(rendered: list[str]) -> list[str]:
    """The paths adopt creates, relative to the site's folder (none may exist yet)."""
    return [
        "flask_backend/__init__.py",
        "flask_backend/migrated/__init__.py",
        ".template.json",
        *rendered,
    ]


def write_flask_half(site: Path) -> None:
    (site / "flask_backend" / "migrated").mkdir(parents=True)
    (site / "flask_backend" / "__init__.py").write_text(FLASK_INIT, encoding="utf-8")
    (site / "flask_backend" / "migrated" / "__init__.py").write_text(MIGRATED_INIT)


def append(path: Path, block: str) -> None:
    edit(path, lambda text: text.rstrip("\n") + "\n" + block)


def edit(path: Path, change: Callable[[str], str]) -> None:
    """Write ``change(text)`` to ``path`` (created if missing), keeping its line endings:
    ``change`` sees ``\n`` only, and a file written with CRLF stays CRLF throughout, so
    the commit shows the lines adopt added and no other."""
    raw = path.read_bytes().decode("utf-8") if path.exists() else ""
    crlf = "\r\n" in raw
    text = change(raw.replace("\r\n", "\n"))
    path.write_bytes((text.replace("\n", "\r\n") if crlf else text).encode("utf-8"))
