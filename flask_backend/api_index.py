"""The API's front door: ``GET /api/`` lists the endpoints, ``GET /api/me`` the user.

It needs nothing but Flask, so it stays when a project leaves out
the sample notes API (``combined new --no-example``), and a client always
has one JSON URL to ask. It checks no database: use it as a liveness probe, not a
readiness probe.
"""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, request

from flask_backend.django_bridge.auth import current_user, login_required

bp = Blueprint("api_index", __name__)


@bp.get("/")
def index() -> Response:
    root = request.script_root
    endpoints = sorted(
        {
            root + rule.rule
            for rule in current_app.url_map.iter_rules()
            if rule.rule.startswith("/api/") and rule.endpoint != "api_index.index"
        }
    )
    return jsonify({"status": "ok", "endpoints": endpoints})


@bp.get("/me")
@login_required
def me() -> Response:
    """Who is logged in (the Django user): 401 JSON for anonymous requests."""
    return jsonify({"username": current_user.get_username(), "is_authenticated": True})
