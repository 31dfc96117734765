"""The sample notes app on each half alone and through the combined app.

Part of the ``example`` feature (``combined new --without example`` leaves this
file out, with the app); the pages, the input rules and the write rules have their
own files (tests/test_notes_*.py). The core's tests use ``tests.testapp`` instead.
"""

from __future__ import annotations

import pytest
from django.test import Client as DjangoClient

from django_site.notes.models import Note
from tests.accounts import csrf_headers, force_log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def django_client() -> DjangoClient:
    """Django's own test client, Django alone."""
    return DjangoClient()


@pytest.fixture
def writer(flask_client, user):
    """The backend's test client, logged in: writes need a user."""
    force_log_in(flask_client, user)
    return flask_client


# --- Django alone ------------------------------------------------------------------


def test_notes_list_creates_and_shows(django_client, user):
    django_client.force_login(user)
    response = django_client.post("/notes/", {"title": "From Django", "body": "hello"})
    assert response.status_code == 302
    assert Note.objects.get().title == "From Django"
    assert b"From Django" in django_client.get("/notes/").content


def test_notes_form_rejects_empty_title(django_client, user):
    django_client.force_login(user)
    response = django_client.post("/notes/", {"title": ""})
    assert response.status_code == 400  # the form again, with its errors
    assert b"This field is required" in response.content
    assert Note.objects.count() == 0


def test_home_page_counts_the_notes(wsgi_client):
    Note.objects.create(title="one")
    page = wsgi_client.get("/").get_data(as_text=True)
    assert '<span id="note-count">1</span>' in page
    assert 'href="/notes/"' in page


# --- the Flask half alone -----------------------------------------------------------


def test_backend_index_lists_the_notes(flask_client):
    Note.objects.create(title="Seen by Flask")
    response = flask_client.get("/")
    assert response.status_code == 200
    assert b"Seen by Flask" in response.data
    assert b'<span id="note-count">1</span>' in response.data


def test_api_list_create_detail(writer):
    created = writer.post(
        "/api/notes", json={"title": "First", "body": "b"}, headers=csrf_headers(writer)
    )
    assert created.status_code == 201
    note_id = created.json["id"]
    assert created.headers["Location"] == f"/api/notes/{note_id}"
    assert writer.get(f"/api/notes/{note_id}").json["title"] == "First"
    assert [n["title"] for n in writer.get("/api/notes").json["notes"]] == ["First"]


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


def test_api_malformed_json_is_400(writer):
    response = writer.post(
        "/api/notes", data="{nope", content_type="application/json", headers=csrf_headers(writer)
    )
    assert response.status_code == 400
    assert response.is_json


def test_api_form_body_is_415(writer):
    response = writer.post("/api/notes", data={"title": "x"}, headers=csrf_headers(writer))
    assert response.status_code == 415
    assert "JSON" in response.json["message"]


def test_api_unknown_id_is_404_json(flask_client):
    response = flask_client.get("/api/notes/999999")
    assert response.status_code == 404
    assert response.json["message"] == "no note with id 999999"


# --- both halves through the combined app -----------------------------------------------


def test_note_written_by_django_is_read_by_flask(wsgi_client):
    Note.objects.create(title="Written by Django")
    listed = wsgi_client.get("/backend/api/notes").json["notes"]
    assert [n["title"] for n in listed] == ["Written by Django"]


def test_the_note_page_answers_whichever_half_serves_it(wsgi_client):
    """Flask serves it when the page has moved, Django otherwise: the same answer."""
    note = Note.objects.create(title="Shown", body="line one\nline two")
    page = wsgi_client.get(f"/notes/{note.pk}/")
    assert page.status_code == 200
    assert "Shown" in page.get_data(as_text=True)
    assert wsgi_client.get(f"/notes/{note.pk + 1}/").status_code == 404
