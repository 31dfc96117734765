"""No input earns a 500: each class of bad input gets a readable 4xx, on both halves.

Runs on SQLite here and on PostgreSQL in .ci/suites/15-postgres.sh (PostgreSQL
refuses a NUL where SQLite accepts it). Each test draws inputs from a class
(hypothesis), not one string: JSON nested deep, over-long redirect targets, junk
in the session cookie, forms that Django's parser refuses. Only the site's own
pages and test-only views are used; the sample notes have tests/test_notes_input.py.
"""

from __future__ import annotations

import pytest
from flask import jsonify, request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import Client

import flask_backend
from core.settings import load_settings
from tests.accounts import csrf_headers

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# --- JSON nested deep ------------------------------------------------------------


@pytest.fixture
def echo(db) -> Client:
    """A backend with a test-only view that reads a JSON body, mounted as in the site."""
    backend = flask_backend.create_app(load_settings(), script_root="/backend")

    @backend.post("/api/echo")
    def echo_view():
        return jsonify(kind=type(request.get_json()).__name__)

    client = Client(DispatcherMiddleware(lambda e, s: [], {"/backend": backend}))
    client.get("/backend/api/")  # a session-free warm-up; the CSRF cookie is set below
    return client


def post_json(client: Client, text: str):
    return client.post(
        "/backend/api/echo", data=text, content_type="application/json",
        headers=csrf_headers(client),
    )  # fmt: skip


@HYPOTHESIS
@given(depth=st.integers(65, 5000), kind=st.sampled_from(["[]", "{}"]))
def test_json_nested_too_deep_is_a_readable_400(echo, depth, kind):
    opening, closing = ('{"a":', "}") if kind == "{}" else ("[", "]")
    response = post_json(echo, opening * depth + "1" + closing * depth)
    assert response.status_code == 400
    assert response.json["message"] == (
        "the body is not accepted: JSON nested deeper than 64 levels is not accepted"
    )


@HYPOTHESIS
@given(depth=st.integers(1, 64))
def test_json_nested_within_the_limit_is_read(echo, depth):
    response = post_json(echo, "[" * depth + "]" * depth)
    assert (response.status_code, response.json) == (200, {"kind": "list"})


def test_malformed_json_says_what_is_wrong(echo):
    response = post_json(echo, "{nope")
    assert response.status_code == 400
    assert response.json["message"].startswith("the body is not valid JSON: Expecting")
