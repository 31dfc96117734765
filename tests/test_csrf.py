"""CSRF on both halves with one token: Django's check runs on unsafe Flask requests.

The failure sides: no cookie, no token, a wrong token, a foreign Origin -- 403
with a readable reason, JSON under the API, the error page for HTML, and nothing
written. The success side: the Flask view still reads the body Django checked.
The forms and the API are the test-only ones (``tests.testapp``), so every
project keeps these tests, whatever features it was made with.
"""

from __future__ import annotations

import re

import pytest
from flask import request

import flask_backend
from tests.accounts import csrf_headers, csrf_token, log_in
from tests.testapp.models import Item

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.testapp.urls")]
FORM = "/backend/probe/items/new"  # a Flask form, login required
DJANGO_FORM = "/probe/items/"  # a Django form
API = "/backend/api/probe/items"  # a Flask JSON endpoint

TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def rendered_token(response) -> str:
    match = TOKEN_FIELD.search(response.get_data(as_text=True))
    assert match, "page renders no csrfmiddlewaretoken field"
    return match.group(1)


@pytest.fixture
def alice(wsgi_client, user):
    log_in(wsgi_client, "alice")
    return wsgi_client


# --- HTML forms ----------------------------------------------------------------


def test_flask_form_with_the_rendered_token_creates_the_row(alice):
    token = rendered_token(alice.get(FORM))
    response = alice.post(FORM, data={"title": "From Flask", "csrfmiddlewaretoken": token})
    item = Item.objects.get()
    assert (response.status_code, response.headers["Location"]) == (302, DJANGO_FORM)
    assert (item.title, item.owner.username) == ("From Flask", "alice")
    assert "From Flask" in alice.get(DJANGO_FORM).get_data(as_text=True)


def test_multipart_form_is_still_readable_after_the_check(alice):
    token = csrf_token(alice)
    response = alice.post(
        FORM,
        data={"title": "é" * 10, "csrfmiddlewaretoken": token},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert Item.objects.get().title == "é" * 10


@pytest.mark.parametrize(
    ("cookie", "field", "reason"),
    [
        (False, None, "CSRF cookie not set."),
        (True, None, "CSRF token missing."),
        (True, "x" * 64, "CSRF token from POST incorrect."),
        (True, "short", "CSRF token from POST has incorrect length."),
    ],
)
def test_flask_form_without_a_valid_token_is_403_page(alice, cookie, field, reason):
    if cookie:
        csrf_token(alice)
    else:
        alice.delete_cookie("csrftoken")
    data = {"title": "Forged"} | ({"csrfmiddlewaretoken": field} if field else {})
    response = alice.post(FORM, data=data)
    assert response.status_code == 403
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert 'data-status="403"' in page and f"CSRF verification failed: {reason}" in page
    assert not Item.objects.exists()


def test_token_rendered_by_django_is_accepted_by_flask(alice):
    token = rendered_token(alice.get(DJANGO_FORM))
    response = alice.post(FORM, data={"title": "Django token", "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_token_rendered_by_flask_is_accepted_by_django(alice):
    token = rendered_token(alice.get(FORM))
    response = alice.post(DJANGO_FORM, data={"title": "Flask token", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Item.objects.get().title == "Flask token"


def test_flask_page_that_renders_a_token_sets_the_csrf_cookie(alice):
    alice.delete_cookie("csrftoken")
    response = alice.get(FORM)
    cookies = response.headers.getlist("Set-Cookie")
    assert any(c.startswith("csrftoken=") and "Path=/;" in c for c in cookies)
    assert "Cookie" in response.headers["Vary"]
    # ... and the freshly rendered token works with that cookie.
    posted = alice.post(FORM, data={"title": "t", "csrfmiddlewaretoken": rendered_token(response)})
    assert posted.status_code == 302


def test_a_page_without_a_form_sets_no_csrf_cookie(wsgi_client):
    response = wsgi_client.get(API)
    assert not any(c.startswith("csrftoken=") for c in response.headers.getlist("Set-Cookie"))


def test_foreign_origin_is_refused_even_with_a_good_token(alice):
    response = alice.post(
        FORM,
        data={"title": "x", "csrfmiddlewaretoken": csrf_token(alice)},
        headers={"Origin": "https://evil.test"},
    )
    assert response.status_code == 403
    assert "Origin checking failed" in response.get_data(as_text=True)


def test_same_origin_header_is_accepted(alice):
    response = alice.post(
        FORM,
        data={"title": "x", "csrfmiddlewaretoken": csrf_token(alice)},
        headers={"Origin": "http://localhost"},
    )
    assert response.status_code == 302


# --- the JSON API ----------------------------------------------------------------


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_unsafe_api_request_without_token_is_403_json(wsgi_client, method):
    response = wsgi_client.open(API, method=method, json={"title": "x"})
    assert response.status_code == 403
    assert response.json == {
        "error": "Forbidden",
        "message": "CSRF verification failed: CSRF cookie not set.",
    }
    assert not Item.objects.exists()


def test_json_post_with_header_token_reads_the_body(alice):
    response = alice.post(API, json={"title": "JSON"}, headers=csrf_headers(alice))
    assert response.status_code == 201
    assert response.json | {"id": 0} == {"id": 0, "title": "JSON", "owner": "alice"}


def test_json_post_with_a_wrong_header_token_is_403(wsgi_client):
    csrf_token(wsgi_client)
    response = wsgi_client.post(API, json={"title": "x"}, headers={"X-CSRFToken": "y" * 32})
    assert (response.status_code, response.json["message"]) == (
        403,
        "CSRF verification failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect.",
    )


def test_wrong_method_with_token_is_still_405(wsgi_client):
    response = wsgi_client.delete(API, headers=csrf_headers(wsgi_client))
    assert response.status_code == 405


def test_body_over_max_content_length_is_413_json(db, with_probes):
    app = flask_backend.create_app(config={"MAX_CONTENT_LENGTH": 1000})
    flask = app.test_client()
    response = flask.post(
        "/api/probe/items", json={"title": "y" * 2000}, headers=csrf_headers(flask)
    )
    assert response.status_code == 413
    assert response.is_json
    assert not Item.objects.exists()


def test_garbled_multipart_body_is_a_form_error_not_500(alice):
    response = alice.post(
        FORM,
        data=b"--b\r\nnot a part",
        content_type="multipart/form-data; boundary=b",
        headers=csrf_headers(alice),
    )
    assert response.status_code == 400
    assert "title: is required" in response.get_data(as_text=True)


def test_multipart_without_boundary_is_400_json_not_500(alice):
    response = alice.post(
        API,
        data=b"anything",
        content_type="multipart/form-data",
        headers=csrf_headers(alice),
    )
    assert response.status_code == 400
    assert response.json["message"].startswith("the request body could not be read")


def test_flask_alone_checks_csrf_too(flask_client):
    refused = flask_client.post("/api/probe/items", json={"title": "x"})
    assert refused.status_code == 403
    accepted = flask_client.post(
        "/api/probe/items", json={"title": "x"}, headers=csrf_headers(flask_client)
    )
    assert accepted.status_code == 201


def test_flask_view_reading_request_stream_gets_the_whole_body(db):
    app = flask_backend.create_app(config={"TESTING": True})

    @app.post("/probe/echo")
    def echo():
        return {"stream": request.stream.read().decode(), "form": request.form.to_dict()}

    flask = app.test_client()
    data = {"a": "1", "csrfmiddlewaretoken": csrf_token(flask)}
    response = flask.post("/probe/echo", data=data)
    assert response.status_code == 200
    assert response.json["form"] == data
    assert response.json["stream"] == f"a=1&csrfmiddlewaretoken={data['csrfmiddlewaretoken']}"


def test_form_over_djangos_upload_limit_is_413_page(alice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 200
    response = alice.post(
        FORM,
        data={"title": "x" * 300, "csrfmiddlewaretoken": csrf_token(alice)},
    )
    assert response.status_code == 413
    assert 'data-status="413"' in response.get_data(as_text=True)
    assert not Item.objects.exists()


def test_https_post_without_referer_is_refused_as_django_does(alice):
    data = {"title": "x", "csrfmiddlewaretoken": csrf_token(alice)}
    refused = alice.post(FORM, data=data, base_url="https://localhost")
    assert refused.status_code == 403
    assert "Referer checking failed - no Referer." in refused.get_data(as_text=True)
    accepted = alice.post(
        FORM,
        data=data,
        base_url="https://localhost",
        headers={"Referer": "https://localhost/"},
    )
    assert accepted.status_code == 302


def test_csrf_use_sessions_keeps_the_token_in_the_shared_session(alice, settings):
    settings.CSRF_USE_SESSIONS = True
    alice.delete_cookie("csrftoken")
    page = alice.get(FORM)
    assert not any(c.startswith("csrftoken=") for c in page.headers.getlist("Set-Cookie"))
    data = {"title": "session token", "csrfmiddlewaretoken": rendered_token(page)}
    assert alice.post(FORM, data=data).status_code == 302
    assert alice.post(DJANGO_FORM, data=data).status_code == 302  # Django takes it too
