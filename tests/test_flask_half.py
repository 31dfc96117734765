"""The Flask half on its own, through Flask's test client (served at the root)."""

from __future__ import annotations

import pytest

# example:begin
from django_site.notes.models import Note

# example:end
from tests.accounts import csrf_headers, force_log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(flask_client, user):
    """The backend's test client, logged in: writes need a user."""
    force_log_in(flask_client, user)
    return flask_client


def test_index_page_is_flask(flask_client):
    response = flask_client.get("/")
    assert response.status_code == 200
    assert b"served by <strong>Flask</strong>" in response.data


# example:begin
def test_index_page(flask_client):
    Note.objects.create(title="Seen by Flask")
    response = flask_client.get("/")
    assert response.status_code == 200
    assert b"Seen by Flask" in response.data
    assert b"site-header" in response.data


# example:end


# example:begin
def test_api_list_create_detail(writer):
    created = writer.post(
        "/api/notes", json={"title": "First", "body": "b"}, headers=csrf_headers(writer)
    )
    assert created.status_code == 201
    note_id = created.json["id"]
    assert created.headers["Location"] == f"/api/notes/{note_id}"
    assert writer.get(f"/api/notes/{note_id}").json["title"] == "First"
    listed = writer.get("/api/notes").json["notes"]
    assert [n["title"] for n in listed] == ["First"]


# example:end


# example:begin
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "title"),
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": 5}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "ok", "body": ["no"]}, "body"),
        (["not", "an", "object"], "body"),
    ],
)
def test_api_validation_names_the_field(writer, payload, field):
    response = writer.post("/api/notes", json=payload, headers=csrf_headers(writer))
    assert response.status_code == 400
    assert response.json["field"] == field
    assert response.json["message"].startswith(f"{field}: ")
    assert Note.objects.count() == 0


# example:end


# example:begin
def test_api_malformed_json_is_400(writer):
    response = writer.post(
        "/api/notes",
        data="{nope",
        content_type="application/json",
        headers=csrf_headers(writer),
    )
    assert response.status_code == 400
    assert response.is_json


# example:end


# example:begin
def test_api_form_body_is_415(writer):
    response = writer.post("/api/notes", data={"title": "x"}, headers=csrf_headers(writer))
    assert response.status_code == 415
    assert "JSON" in response.json["message"]


# example:end


# example:begin
def test_api_unknown_id_is_404_json(flask_client):
    response = flask_client.get("/api/notes/999999")
    assert response.status_code == 404
    assert response.json["message"] == "no note with id 999999"


# example:end


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


# example:begin
def test_api_bad_limit_is_400(flask_client):
    response = flask_client.get("/api/notes?limit=lots")
    assert response.status_code == 400
    assert response.json["field"] == "limit"


# example:end


def test_html_404_uses_the_shared_layout(flask_client):
    response = flask_client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert b"site-header" in response.data


def test_unexpected_error_is_a_clean_500(db):
    import flask_backend
    from core.settings import load_settings

    app = flask_backend.create_app(load_settings())

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

    # flask.session is the Django session (flask_backend.django_bridge.sessions).
    assert "SESSION_COOKIE_NAME" not in flask_backend_config_keys(flask_app)
    assert settings.SESSION_COOKIE_PATH == "/"


def flask_backend_config_keys(flask_app):
    from core.settings import load_settings
    from flask_backend.config import config_from_settings

    return set(config_from_settings(load_settings()))
