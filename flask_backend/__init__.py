"""The Flask half: application factories with blueprints and Jinja templates.

``create_app`` builds the backend, configured from Django's settings
(``combined.bridge.config``). Inside the combined app it is mounted at
``BACKEND_PREFIX`` (``script_root``); alone
(``flask_backend.wsgi``) it serves at the root. Django's ORM, login, session
and CSRF token reach it through ``combined.bridge``. The features
a project has add their blueprints and factories below.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from combined.bridge.factory import new_app

# tenancy:begin
from flask_backend.tenant import TenantConfig

# tenancy:end


def create_app(
    *,
    script_root: str = "",
    config: Mapping[str, Any] | None = None,
    # tenancy:begin
    tenant: TenantConfig | None = None,
    # tenancy:end
) -> Flask:
    """Build a backend app mounted at ``script_root``; ``config`` goes on top of the
    values derived from Django's settings (tests)."""
    # tenancy:begin
    # For one tenant's data, or for the site's own (None): see flask_backend.tenant.
    config = {"TENANT": tenant, **(config or {})}
    # tenancy:end
    app = new_app(__name__, script_root, config)
    # Imported once Django is set up (new_app): they import Django's auth and models.
    from flask_backend import accounts, api_index, pages

    # The API at /api, or at the root when BACKEND_PREFIX ends in /api: then the API's
    # index is the backend's front page, and errors are JSON but on the pages below.
    api_mount = app.config["API_MOUNT"]
    if api_mount:
        app.register_blueprint(pages.bp)
    accounts.init_app(app)
    app.register_blueprint(api_index.bp, url_prefix=api_mount or None)
    # example:begin
    from flask_backend import api, note_form  # import the models: Django set up first

    app.register_blueprint(api.bp, url_prefix=api_mount or None)
    app.register_blueprint(note_form.bp)
    app.config["PAGE_BLUEPRINTS"] |= {note_form.bp.name}
    # example:end
    return app
