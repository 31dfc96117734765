"""The sample notes do it right: writes need a login, fields have limits, lists are bounded.

On both halves: the Flask API and form, and Django's notes page. An anonymous
write is a 401 (API) or a trip to the login page, and writes nothing; a title or
body over its limit is a 400 naming the field; a list answer holds at most 100
notes with an excerpt of each body (the detail has the whole body); ``limit`` that
is not a whole number, or is negative, is a 400, and above 100 it is cut to 100.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django_site.notes.models import BODY_MAX_LENGTH, EXCERPT_LENGTH, TITLE_MAX_LENGTH, Note
from tests.accounts import csrf_headers, csrf_token, log_in

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def alice(wsgi_client, user):
    log_in(wsgi_client, "alice")
    return wsgi_client


# --- writes need a login -----------------------------------------------------------


def test_an_anonymous_api_write_is_401_json_and_writes_nothing(wsgi_client):
    response = wsgi_client.post(
        "/backend/api/notes", json={"title": "anonymous"}, headers=csrf_headers(wsgi_client)
    )
    assert response.status_code == 401
    assert response.json["error"] == "Login required"
    assert not Note.objects.exists()


@pytest.mark.parametrize("path", ["/notes/", "/backend/notes/new"])
def test_an_anonymous_form_post_goes_to_the_login_page_and_writes_nothing(wsgi_client, path):
    data = {"title": "anonymous", "csrfmiddlewaretoken": csrf_token(wsgi_client)}
    response = wsgi_client.post(path, data=data)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/?next=")
    assert not Note.objects.exists()


def test_the_notes_page_offers_the_form_only_after_login(wsgi_client, user):
    assert 'class="note-form"' not in wsgi_client.get("/notes/").text
    assert 'href="/accounts/login/?next=/notes/"' in wsgi_client.get("/notes/").text
    log_in(wsgi_client, "alice")
    assert 'class="note-form"' in wsgi_client.get("/notes/").text


def test_a_logged_in_write_is_theirs_on_both_halves(alice):
    api = alice.post("/backend/api/notes", json={"title": "api"}, headers=csrf_headers(alice))
    page = alice.post("/notes/", data={"title": "page", "csrfmiddlewaretoken": csrf_token(alice)})
    assert (api.status_code, page.status_code) == (201, 302)
    assert {n.author.username for n in Note.objects.all()} == {"alice"}


# --- size limits, the same on both halves --------------------------------------------

OVER = [("title", "t" * (TITLE_MAX_LENGTH + 1)), ("body", "b" * (BODY_MAX_LENGTH + 1))]


@pytest.mark.parametrize(("field", "value"), OVER)
def test_a_field_over_its_limit_is_400_on_the_api_and_both_forms(alice, field, value):
    note = {"title": "ok", "body": "ok", field: value}
    api = alice.post("/backend/api/notes", json=note, headers=csrf_headers(alice))
    assert api.status_code == 400 and api.json["field"] == field
    form = {**note, "csrfmiddlewaretoken": csrf_token(alice)}
    flask = alice.post("/backend/notes/new", data=form)
    assert flask.status_code == 400 and "at most" in flask.text
    django = alice.post("/notes/", data=form)
    assert django.status_code == 400 and "at most" in django.text
    assert not Note.objects.exists()


def test_fields_at_their_limit_are_taken(alice):
    note = {"title": "t" * TITLE_MAX_LENGTH, "body": "b" * BODY_MAX_LENGTH}
    response = alice.post("/backend/api/notes", json=note, headers=csrf_headers(alice))
    assert response.status_code == 201
    assert Note.objects.get().body == note["body"]


# --- bounded lists ---------------------------------------------------------------------


def test_the_list_has_excerpts_and_the_detail_the_whole_body(alice, user):
    # Rows written before the limits existed can be far larger: the list stays small.
    Note.objects.bulk_create(
        Note(title=f"n{i}", body="x" * 1_000_000, author=user) for i in range(120)
    )
    listed = alice.get("/backend/api/notes?limit=100")
    assert listed.status_code == 200
    notes = listed.json["notes"]
    assert len(notes) == 100
    assert all(len(n["body"]) == EXCERPT_LENGTH and n["truncated"] for n in notes)
    assert len(listed.data) < 100 * 1024
    detail = alice.get(f"/backend/api/notes/{notes[0]['id']}")
    assert len(detail.json["body"]) == 1_000_000


def test_a_short_body_is_listed_whole(alice):
    alice.post(
        "/backend/api/notes", json={"title": "s", "body": "short"}, headers=csrf_headers(alice)
    )
    (note,) = alice.get("/backend/api/notes").json["notes"]
    assert (note["body"], note["truncated"]) == ("short", False)


@HYPOTHESIS
@given(
    limit=st.integers(max_value=-1).map(str) | st.sampled_from(["", "x", "1.5", "1e3", "9" * 5000])
)
def test_a_limit_that_is_not_a_whole_number_of_at_least_0_is_400(wsgi_client, limit):
    response = wsgi_client.get("/backend/api/notes", query_string={"limit": limit})
    assert response.status_code == 400
    assert response.json["field"] == "limit"


@HYPOTHESIS
@given(limit=st.integers(min_value=101, max_value=10**60))
def test_a_limit_above_100_is_cut_to_100(alice, user, limit):
    if Note.objects.count() < 101:
        Note.objects.bulk_create(Note(title=f"n{i}", author=user) for i in range(101))
    response = alice.get("/backend/api/notes", query_string={"limit": str(limit)})
    assert response.status_code == 200 and len(response.json["notes"]) == 100
