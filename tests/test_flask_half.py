"""The Flask half on its own, through Flask's test client (served at the root)."""

from __future__ import annotations

import pytest

from tests.accounts import csrf_headers

pytestmark = pytest.mark.django_db


def test_index_page_is_flask(flask_client):
    response = flask_client.get("/")
    assert response.status_code == 200
    assert b"served by <strong>Flask</strong>" in response.data


def test_api_unknown_url_is_404_json(flask_client):
    response = flask_client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.is_json


def test_api_wrong_method_is_405_json(flask_client):
    response = flask_client.delete("/api/", headers=csrf_headers(flask_client))
    assert response.status_code == 405
    assert response.is_json
    assert "GET" in response.headers["Allow"]


def test_api_index_lists_endpoints(flask_client):
    response = flask_client.get("/api/")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    assert "/api/me" in response.json["endpoints"]


def test_html_404_uses_the_shared_layout(flask_client):
    response = flask_client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert b"site-header" in response.data


def test_unexpected_error_is_a_clean_500(db):
    import flask_backend

    app = flask_backend.create_app()

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    @app.get("/api/boom")
    def api_boom():
        raise RuntimeError("secret internals")

    client = app.test_client()
    page = client.get("/boom")
    assert page.status_code == 500
    assert b"site-header" in page.data
    assert b"secret internals" not in page.data and b"Traceback" not in page.data
    api = client.get("/api/boom")
    assert api.status_code == 500
    assert api.is_json and "secret internals" not in api.get_data(as_text=True)


def test_session_is_djangos_one_cookie(flask_app):
    from django.conf import settings

    # flask.session is the Django session (combined.bridge.sessions).
    assert "SESSION_COOKIE_NAME" not in flask_backend_config_keys(flask_app)
    assert settings.SESSION_COOKIE_PATH == "/"


def flask_backend_config_keys(flask_app):
    from combined.bridge.config import flask_config

    return set(flask_config())


def test_current_user_works_in_an_orm_filter(flask_app, user):
    """A moved view's ``filter(owner=current_user)`` failed: werkzeug's proxy passed for an
    Iterator, and Django's ORM turned it into a list ("'User' object is not iterable")."""
    from flask import g

    from combined.bridge.auth import current_user
    from tests.testapp.models import Item

    Item.objects.create(title="Mine", owner=user)
    with flask_app.test_request_context("/"):
        g.django_user = user
        assert [item.title for item in Item.objects.filter(owner=current_user)] == ["Mine"]
