"""The sample notes take no bad text: each class of bad input is a readable 4xx.

Runs on SQLite here and on PostgreSQL in .ci/suites/15-postgres.sh (PostgreSQL
refuses a NUL in text with an error where SQLite stores it). Each test draws
inputs from a class (hypothesis), not one string: control characters and lone
surrogates in note fields, JSON nested deep. And nothing is written.
The rules that do not need the notes app are in tests/test_bad_input.py.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django_site.notes.models import Note
from tests.accounts import csrf_headers, csrf_token, log_in

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def alice(wsgi_client, user):
    log_in(wsgi_client, "alice")
    return wsgi_client


# --- control characters and lone surrogates in note fields ----------------------

LINE_BREAKS = "\t\n\r"
controls = st.sampled_from(
    [chr(c) for c in range(0x20) if chr(c) not in LINE_BREAKS] + ["\x7f", "\x85", "\x9f"]
)
surrogates = st.integers(0xD800, 0xDFFF).map(chr)
plain = st.text(st.characters(codec="utf-8", exclude_categories=["Cc"]), max_size=20)


def around(bad: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Some plain text with one bad character inside it (edges are stripped, not refused)."""
    return st.tuples(plain, bad, plain).map(lambda parts: "a" + "".join(parts) + "z")


@HYPOTHESIS
@given(field=st.sampled_from(["title", "body"]), value=around(controls | surrogates))
def test_api_refuses_control_characters_and_lone_surrogates(alice, field, value):
    note = {"title": "ok", "body": "ok", field: value}
    response = alice.post("/backend/api/notes", json=note, headers=csrf_headers(alice))
    assert response.status_code == 400, response.text
    assert response.json["field"] == field
    assert response.json["message"].startswith(f"{field}: ")
    assert not Note.objects.exists()


@HYPOTHESIS
@given(value=around(controls | surrogates))
def test_api_refuses_them_sent_as_json_escapes(alice, value):
    body = json.dumps({"title": value})  # \u0000 and \ud800 as JSON escapes
    response = alice.post(
        "/backend/api/notes", data=body, content_type="application/json",
        headers=csrf_headers(alice),
    )  # fmt: skip
    assert response.status_code == 400 and response.json["field"] == "title"
    assert not Note.objects.exists()


@HYPOTHESIS
@given(field=st.sampled_from(["title", "body"]), value=around(controls))
def test_both_forms_refuse_control_characters(alice, field, value):
    token = csrf_token(alice)
    note = {"title": "ok", "body": "ok", field: value, "csrfmiddlewaretoken": token}
    flask = alice.post("/backend/notes/new", data=note)
    assert flask.status_code == 400 and 'id="form-error"' in flask.text
    django = alice.post("/notes/", data=note)
    assert django.status_code == 400 and "errorlist" in django.text
    assert not Note.objects.exists()


@HYPOTHESIS
@given(body=st.text(st.sampled_from("ab é\t\n\r"), max_size=40))
def test_line_breaks_and_tabs_are_fine_in_a_body(alice, body):
    response = alice.post(
        "/backend/api/notes", json={"title": "t", "body": body}, headers=csrf_headers(alice)
    )
    assert response.status_code == 201, response.text
    assert Note.objects.get(pk=response.json["id"]).body == body
    Note.objects.all().delete()


# --- JSON nested deep ------------------------------------------------------------


@HYPOTHESIS
@given(depth=st.integers(65, 5000), kind=st.sampled_from(["[]", "{}"]))
def test_json_nested_too_deep_is_a_readable_400(alice, depth, kind):
    opening, closing = ('{"a":', "}") if kind == "{}" else ("[", "]")
    body = '{"title": "deep", "body": "x", "extra": ' + opening * depth + "1" + closing * depth
    response = alice.post(
        "/backend/api/notes", data=body + "}", content_type="application/json",
        headers=csrf_headers(alice),
    )  # fmt: skip
    assert response.status_code == 400
    assert "nested deeper than 64" in response.json["message"]
    assert not Note.objects.exists()


def test_json_nested_within_the_limit_is_read(alice):
    extra = "[" * 30 + "]" * 30
    body = '{"title": "shallow", "body": "x", "extra": ' + extra + "}"
    response = alice.post(
        "/backend/api/notes", data=body, content_type="application/json",
        headers=csrf_headers(alice),
    )  # fmt: skip
    assert response.status_code == 201


@pytest.mark.parametrize("count", [3500, 7000])
def test_the_slash_redirect_of_the_notes_page_is_never_too_long(wsgi_client, count):
    response = wsgi_client.get("/notes", query_string="q=" + '"' * count)
    assert response.status_code == 414
    assert '<section class="error" data-status="414">' in response.text
