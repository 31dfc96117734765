"""The API's front door: ``GET /api/`` lists the endpoints, ``GET /api/me`` the user.

It needs nothing but Flask, so every project has it, whatever features it was
made with, and a client always has one JSON URL to ask. It checks no database:
use it as a liveness probe, not a readiness probe. Its URLs are under the
backend's ``API_MOUNT``: ``/api``, or the backend's root when ``BACKEND_PREFIX``
itself ends in ``/api``.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.routing import Rule

from combined.bridge.auth import current_user, login_required

bp = Blueprint("api_index", __name__)


@bp.get("/")
def index() -> Response:
    root, mount = request.script_root, current_app.config["API_MOUNT"]
    pages = current_app.config["PAGE_BLUEPRINTS"] | {None}
    endpoints = sorted(
        {
            root + rule.rule
            for rule in current_app.url_map.iter_rules()
            if rule.endpoint != "api_index.index"
            and (rule.rule.startswith(mount + "/") if mount else _blueprint(rule) not in pages)
        }
    )
    return jsonify({"status": "ok", "endpoints": endpoints})


def _blueprint(rule: Rule) -> str | None:
    return rule.endpoint.rpartition(".")[0] or None


@bp.get("/me")
@login_required
def me() -> Response:
    """Who is logged in (the Django user): 401 JSON for anonymous requests."""
    return jsonify({"username": current_user.get_username(), "is_authenticated": True})
