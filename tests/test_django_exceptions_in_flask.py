"""Django's HTTP exceptions raised in a Flask view answer as Django answers them.

Code moved from a Django view keeps its ``get_object_or_404`` and ``raise
PermissionDenied``; on the Flask half they escaped as a 500 (and, in tests, as the
exception itself). A page answers with the site's error page, the API with JSON.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import BadRequest, PermissionDenied
from django.shortcuts import get_object_or_404
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import Client

import flask_backend

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend() -> Client:
    app = flask_backend.create_app(script_root="/backend")

    def raising(kind: str) -> str:
        if kind == "missing":
            get_object_or_404(get_user_model(), pk=987654)
        if kind == "forbidden":
            raise PermissionDenied("internal reason")
        raise BadRequest("internal reason")

    app.add_url_rule("/probe/<kind>", "page_probe", raising)
    app.add_url_rule("/api/probe/<kind>", "api_probe", raising)
    return Client(DispatcherMiddleware(lambda e, s: [], {"/backend": app}))


@pytest.mark.parametrize(
    ("kind", "status", "message"),
    [
        ("missing", 404, "There is no page at this address."),
        ("forbidden", 403, "You are not allowed to do that."),
        ("bad", 400, "The request could not be understood."),
    ],
)
def test_a_page_gets_the_sites_error_page(backend, kind, status, message):
    response = backend.get(f"/backend/probe/{kind}")
    assert response.status_code == status
    assert response.mimetype == "text/html"
    assert message in response.text
    assert "internal reason" not in response.text


@pytest.mark.parametrize(("kind", "status"), [("missing", 404), ("forbidden", 403), ("bad", 400)])
def test_the_api_gets_json(backend, kind, status):
    response = backend.get(f"/backend/api/probe/{kind}")
    assert response.status_code == status
    assert response.json["message"] and "internal reason" not in response.json["message"]
