"""The sample notes app on both halves: Django's list page, the Flask form and API.

Part of the ``example`` feature (``combined new --without example`` leaves this
file out, with the app). The core's own tests use ``tests.testapp`` instead.
"""

from __future__ import annotations

import pytest
from django.test import Client as DjangoClient

from django_site.notes.models import Note
from tests.accounts import csrf_headers, csrf_token, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def django_client() -> DjangoClient:
    """Django's own test client (the conftest ``client`` is the combined app's)."""
    return DjangoClient()


# --- Django pages ---------------------------------------------------------------


def test_notes_list_creates_and_shows(django_client):
    response = django_client.post("/notes/", {"title": "From Django", "body": "hello"})
    assert response.status_code == 302
    assert Note.objects.get().title == "From Django"
    assert b"From Django" in django_client.get("/notes/").content


def test_notes_form_rejects_empty_title(django_client):
    response = django_client.post("/notes/", {"title": ""})
    assert response.status_code == 200
    assert b"This field is required" in response.content
    assert Note.objects.count() == 0


def test_home_page_counts_the_notes(client):
    Note.objects.create(title="one")
    page = client.get("/").get_data(as_text=True)
    assert '<span id="note-count">1</span>' in page
    assert 'href="/notes/"' in page


def test_detail_page_shows_the_note_and_404s_an_unknown_one(client):
    """Served by Flask when the page has moved, by Django otherwise: same answer."""
    note = Note.objects.create(title="Shown", body="line one\nline two")
    page = client.get(f"/notes/{note.pk}/")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "<h1>Shown</h1>" in body and "line one<br>line two" in body
    missing = client.get(f"/notes/{note.pk + 1}/")
    assert missing.status_code == 404
    assert "404 Page not found" in missing.get_data(as_text=True)


# --- the Flask half --------------------------------------------------------------


def test_backend_index_lists_the_notes(flask_client):
    Note.objects.create(title="Seen by Flask")
    response = flask_client.get("/")
    assert response.status_code == 200
    assert b"Seen by Flask" in response.data
    assert b'<span id="note-count">1</span>' in response.data


def test_api_list_create_detail(flask_client):
    created = flask_client.post(
        "/api/notes", json={"title": "First", "body": "b"}, headers=csrf_headers(flask_client)
    )
    assert created.status_code == 201
    note_id = created.json["id"]
    assert created.headers["Location"] == f"/api/notes/{note_id}"
    assert flask_client.get(f"/api/notes/{note_id}").json["title"] == "First"
    listed = flask_client.get("/api/notes").json["notes"]
    assert [n["title"] for n in listed] == ["First"]


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
def test_api_validation_names_the_field(flask_client, payload, field):
    response = flask_client.post("/api/notes", json=payload, headers=csrf_headers(flask_client))
    assert response.status_code == 400
    assert response.json["field"] == field
    assert response.json["message"].startswith(f"{field}: ")
    assert Note.objects.count() == 0


def test_api_malformed_json_is_400(flask_client):
    response = flask_client.post(
        "/api/notes",
        data="{nope",
        content_type="application/json",
        headers=csrf_headers(flask_client),
    )
    assert response.status_code == 400
    assert response.is_json


def test_api_form_body_is_415(flask_client):
    response = flask_client.post(
        "/api/notes", data={"title": "x"}, headers=csrf_headers(flask_client)
    )
    assert response.status_code == 415
    assert "JSON" in response.json["message"]


def test_api_unknown_id_is_404_json(flask_client):
    response = flask_client.get("/api/notes/999999")
    assert response.status_code == 404
    assert response.json["message"] == "no note with id 999999"


def test_api_bad_limit_is_400(flask_client):
    response = flask_client.get("/api/notes?limit=lots")
    assert response.status_code == 400
    assert response.json["field"] == "limit"


# --- both halves through the combined app ------------------------------------------


def test_note_written_by_flask_is_read_by_django(client):
    created = client.post(
        "/backend/api/notes", json={"title": "Written by Flask"}, headers=csrf_headers(client)
    )
    assert created.status_code == 201
    assert created.headers["Location"] == f"/backend/api/notes/{created.json['id']}"
    assert b"Written by Flask" in client.get("/notes/").data


def test_note_written_by_django_is_read_by_flask(client):
    Note.objects.create(title="Written by Django")
    listed = client.get("/backend/api/notes").json["notes"]
    assert [n["title"] for n in listed] == ["Written by Django"]


def test_flask_note_form_needs_a_login_and_shows_the_new_note_on_django(client, user):
    assert client.get("/backend/notes/new").status_code == 302  # to the login page
    log_in(client, "alice")
    data = {"title": "From Flask", "body": "b", "csrfmiddlewaretoken": csrf_token(client)}
    response = client.post("/backend/notes/new", data=data)
    note = Note.objects.get()
    assert (response.status_code, response.headers["Location"]) == (302, f"/notes/{note.pk}/")
    assert (note.title, note.body, note.author.username) == ("From Flask", "b", "alice")
    assert "From Flask" in client.get(f"/notes/{note.pk}/").get_data(as_text=True)


def test_flask_note_form_without_a_title_is_400_and_writes_nothing(client, user):
    log_in(client, "alice")
    data = {"title": " ", "csrfmiddlewaretoken": csrf_token(client)}
    response = client.post("/backend/notes/new", data=data)
    assert response.status_code == 400
    assert "title: is required" in response.get_data(as_text=True)
    assert not Note.objects.exists()
