"""Test-only Flask views: a login-protected HTML form and a small JSON API.

Register :data:`bp` on a backend app (the fixtures in ``tests/conftest.py`` do)
to get ``/probe/items/new`` (HTML form, ``{{ csrf_input }}``, redirect to the
Django page ``/probe/items/``), ``/probe/items`` (an HTML page that reads the
database) and the API below ``/api/probe/items``. They use only the bridges every
project has: Django's login, session, CSRF check and ORM.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from flask import Blueprint, Flask, abort, jsonify, render_template_string, request, url_for
from flask.typing import ResponseReturnValue

from combined.bridge.auth import current_user, login_required
from combined.bridge.errors import error_response
from tests.testapp.models import Item

bp = Blueprint("probes", __name__)

FORM = """{% extends "backend/base.html" %}
{% block content %}{% if error %}<p id="form-error">{{ error }}</p>{% endif %}
<form method="post">{{ csrf_input }}<input name="title" id="id_title" value="{{ title }}">
<button type="submit" id="save-item">Add</button></form>
{% endblock %}"""
LIST = """{% extends "backend/base.html" %}
{% block content %}<ul id="items">{% for item in items %}<li>{{ item.title }}</li>{% endfor %}</ul>
{% endblock %}"""


def _title(value: object) -> str:
    """The title as the model's field takes it (``Field.clean``: length and the site's
    plain-text rule, ``combined.text``), so these views refuse what Django's form refuses."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError("title: is required")
    try:
        return Item._meta.get_field("title").clean(value.strip(), None)
    except ValidationError as exc:
        raise ValueError(f"title: {' '.join(exc.messages)}") from None


def _owner() -> object:
    return current_user._get_current_object() if current_user.is_authenticated else None


@bp.route("/probe/items/new", methods=["GET", "POST"])
@login_required
def new_item() -> ResponseReturnValue:
    title = request.form.get("title", "")
    if request.method == "POST":
        try:
            Item.objects.create(title=_title(title), owner=_owner())
        except ValueError as exc:
            return render_template_string(FORM, error=str(exc), title=title), 400
        return "", 302, {"Location": "/probe/items/"}
    return render_template_string(FORM, error=None, title=title)


@bp.get("/probe/items")
def list_page() -> str:
    return render_template_string(LIST, items=Item.objects.all())


@bp.get("/api/probe/items")
def api_list() -> ResponseReturnValue:
    return jsonify({"items": [item.as_dict() for item in Item.objects.all()]})


@bp.post("/api/probe/items")
def api_create() -> ResponseReturnValue:
    # The site's parser (combined.bridge.json_body): a body that is not JSON, or nested
    # too deep (combined.json_input), is a 400 that says so.
    payload = request.get_json()
    if not isinstance(payload, dict):
        return error_response(400, "send a JSON object")
    try:
        item = Item.objects.create(title=_title(payload.get("title")), owner=_owner())
    except ValueError as exc:
        return error_response(400, str(exc), field="title")
    location = url_for("probes.api_detail", item_id=item.pk)
    return jsonify(item.as_dict()), 201, {"Location": location}


@bp.get("/api/probe/items/<int:item_id>")
def api_detail(item_id: int) -> ResponseReturnValue:
    item = Item.objects.filter(pk=item_id).first()
    if item is None:
        abort(404, description=f"no item with id {item_id}")
    return jsonify(item.as_dict())


def with_probes(create_app: Callable[..., Flask]) -> Callable[..., Flask]:
    """Wrap a backend factory (``flask_backend.create_app``) so each app it builds has
    :data:`bp`: the combined app builds its backends itself, maybe more than one."""

    @functools.wraps(create_app)
    def create(*args: Any, **kwargs: Any) -> Flask:
        app = create_app(*args, **kwargs)
        app.register_blueprint(bp)
        return app

    return create
