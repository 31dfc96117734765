"""What every Flask app of the site has: config, the Django bridge, the layout, errors.

``new_app`` is the one place a Flask app of the combined layer is made: the
backend at ``BACKEND_PREFIX`` (the project's ``flask_backend.create_app``) and any
other Flask app of the site start here, so they refuse the same Hosts, read the
same session and settings, and answer errors alike. Add blueprints to what it
returns. Django must be configured (``DJANGO_SETTINGS_MODULE``); its apps are
loaded here if they are not yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from combined import bridge
from combined.bridge import config as derived_config
from combined.bridge import errors, hosts, json_body, templates, url_guard
from combined.layout import flask_pages


def new_app(
    import_name: str,
    script_root: str = "",
    config: Mapping[str, Any] | None = None,
    *,
    inside_django: bool = False,
) -> Flask:
    """A Flask app named ``import_name`` (its templates and static files live there).

    ``script_root`` is where it is mounted; ``config`` goes on top of the values
    derived from Django's settings (and stays there when those change).
    ``inside_django``: the app only ever answers through Django's handler
    (``combined.inprocess``), so Django answers its errors (``combined.bridge.errors``)
    and its middleware does what the bridge's hooks do for an app answering on its own
    (connections, security headers, the CSRF cookie, messages): those are left out.
    """
    # Django's apps first: the modules below import its auth and CSRF code.
    bridge.setup_django()
    app = Flask(import_name)
    derived_config.apply(app, script_root, config)

    hosts.init_app(app)  # first: a foreign Host is refused before any other hook runs
    url_guard.init_app(app)  # then a NUL in the address, before sessions and CSRF
    json_body.init_app(app)
    bridge.init_app(app, inside_django=inside_django)
    flask_pages.init_app(app)
    errors.init_app(app, inside_django=inside_django)
    templates.announce_renders(app)  # Django's test client sees what Flask renders
    return app
