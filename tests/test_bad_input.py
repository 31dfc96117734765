"""No input earns a 500: each class of bad input gets a readable 4xx, on both halves.

Runs on SQLite here and on PostgreSQL in .ci/suites/15-postgres.sh (PostgreSQL
refuses a NUL where SQLite accepts it). Each test draws inputs from a class
(hypothesis), not one string: JSON nested deep, over-long redirect targets, junk
in the session cookie, forms that Django's parser refuses. Only the site's own
pages and test-only views are used, so every project has these tests.
"""

from __future__ import annotations

import pytest
from flask import jsonify, request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import Client

import flask_backend
from tests.accounts import csrf_headers, csrf_token, log_in

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
REDIRECT_LIMIT = 2048  # combined.redirects.LOCATION_MAX_LENGTH, restated: the tests pin the number


@pytest.fixture
def alice(wsgi_client, user):
    log_in(wsgi_client, "alice")
    return wsgi_client


@pytest.mark.postgres
def test_this_run_is_on_postgresql():
    """The PostgreSQL suite runs this module with DATABASE_URL of a throwaway database."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip(f"the database is {connection.vendor}; run .ci/suites/15-postgres.sh")


# --- JSON nested deep ------------------------------------------------------------


@pytest.fixture
def echo(db) -> Client:
    """A backend with a test-only view that reads a JSON body, mounted as in the site."""
    backend = flask_backend.create_app(script_root="/backend")

    @backend.post("/api/echo")
    def echo_view():
        return jsonify(kind=type(request.get_json()).__name__)

    wsgi_client = Client(DispatcherMiddleware(lambda e, s: [], {"/backend": backend}))
    wsgi_client.get("/backend/api/")  # a session-free warm-up; the CSRF cookie is set below
    return wsgi_client


def post_json(wsgi_client: Client, text: str):
    return wsgi_client.post(
        "/backend/api/echo", data=text, content_type="application/json",
        headers=csrf_headers(wsgi_client),
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


# --- redirects to over-long addresses -----------------------------------------------


def assert_short_redirect_or_414(response) -> None:
    if 300 <= response.status_code < 400:
        assert len(response.headers["Location"]) <= REDIRECT_LIMIT
        return
    assert response.status_code == 414, response.status_code
    assert response.headers["X-Frame-Options"] == "DENY"  # a page of the site like any other
    if response.is_json:
        assert response.json["error"] == "Address too long"
    else:
        assert '<section class="error" data-status="414">' in response.text


REDIRECTING = ["/backend/account", "/backend", "/accounts/login", "/admin/", "/backend/api"]


@HYPOTHESIS
@given(
    path=st.sampled_from(REDIRECTING),
    length=st.integers(0, 9000),
    char=st.sampled_from(['"', "a", "%", "é", "<"]),
)
def test_redirects_stay_short_or_get_a_readable_414(wsgi_client, path, length, char):
    assert_short_redirect_or_414(wsgi_client.get(path, query_string="q=" + char * length))


REPORTED = [("/backend/account", 3500), ("/backend", 7000), ("/accounts/login", 7000),
            ("/admin/", 3500)]  # fmt: skip


@pytest.mark.parametrize(("path", "count"), REPORTED)
def test_the_reported_long_redirects_are_414(wsgi_client, path, count):
    response = wsgi_client.get(path, query_string="q=" + '"' * count)
    assert response.status_code == 414


def test_a_logged_in_user_gets_the_same_limit(alice):
    assert_short_redirect_or_414(alice.get("/backend", query_string="q=" + '"' * 7000))


# --- junk in the session cookie --------------------------------------------------

# Any character a Cookie header can carry (not CR or LF), control characters included.
controls = st.sampled_from([chr(c) for c in range(0x20) if c not in (10, 13)] + ["\x7f", "\x85"])
cookie_values = st.text(
    st.characters(codec="latin-1", exclude_characters=";,\r\n"), min_size=1, max_size=60
)
with_control = st.tuples(cookie_values, controls, cookie_values).map("".join)


@HYPOTHESIS
@given(value=with_control | cookie_values | st.just("\x00" * 32))
def test_junk_in_the_session_cookie_reads_as_logged_out(combined_app, value):
    wsgi_client = Client(combined_app, use_cookies=False)  # a cookie jar would replace the header
    cookie = {"Cookie": f"sessionid={value}"}
    for path in ("/", "/accounts/login/", "/backend/", "/backend/api/"):
        assert wsgi_client.get(path, headers=cookie).status_code == 200, path
    assert wsgi_client.get("/backend/api/me", headers=cookie).status_code == 401


# --- forms Django's parser refuses -------------------------------------------------


@pytest.mark.parametrize("path", ["/backend/logout", "/backend/api/me"])
def test_too_many_form_fields_is_a_400_that_names_no_internals(wsgi_client, path):
    fields = {f"f{n}": "x" for n in range(1500)}
    fields["csrfmiddlewaretoken"] = csrf_token(wsgi_client)
    response = wsgi_client.post(path, data=fields)
    assert response.status_code == 400
    text = response.json["message"] if response.is_json else response.text
    assert "too many fields" in text
    for internal in ("settings", "DATA_UPLOAD", "Suspicious", "MultiPart"):
        assert internal not in text


@HYPOTHESIS
@given(junk=st.binary(max_size=200), path=st.sampled_from(["/backend/logout", "/backend/api/me"]))
def test_a_malformed_multipart_body_is_a_readable_400(wsgi_client, junk, path):
    response = wsgi_client.post(
        path,
        data=junk,
        content_type="multipart/form-data; boundary=xyz",
        headers={"X-CSRFToken": csrf_token(wsgi_client)},
    )
    assert response.status_code in {302, 400, 403, 405}  # an empty body is a valid form
    text = response.json["message"] if response.is_json else response.text
    for internal in ("settings", "boundary", "Suspicious", "MultiPart"):
        assert internal not in text


@pytest.mark.parametrize("path", ["/backend/logout", "/backend/api/me", "/accounts/logout/"])
@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "utf-32-be"])
def test_a_form_in_another_charset_is_a_readable_400(wsgi_client, path, charset):
    """Django reads forms as UTF-8 only; on the Flask half its refusal escaped as a 500."""
    response = wsgi_client.post(
        path,
        data="title=a&body=b".encode(charset),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
        headers={"X-CSRFToken": csrf_token(wsgi_client)},
    )
    assert response.status_code == 400
    if path.startswith("/backend/"):  # Django's 400 page is the site's generic one
        text = response.json["message"] if response.is_json else response.text
        assert "UTF-8" in text


# --- a NUL in the address ----------------------------------------------------------

NUL_URLS = [
    # The admin's own filters, search and autocomplete pass query text to the ORM.
    "/admin/auth/user/?username__startswith=%00",
    "/admin/auth/user/?q=%00",
    "/admin/autocomplete/?term=%00&app_label=auth&model_name=user&field_name=groups",
    # A path segment that a view would look up (the password-reset link's uid).
    "/accounts/reset/%00/set-password/",
    "/?next=%00",
    "/backend/?q=%00",
    "/backend/account?q=a%00b",
    "/backend/api/me?x=%00",
    "/backend/api/%00",
]


@pytest.mark.parametrize("url", NUL_URLS)
def test_a_nul_in_the_address_is_a_readable_400_on_both_halves(admin_client, url):
    """On PostgreSQL the admin's filter, search and autocomplete answered 500."""
    response = admin_client.get(url)
    assert response.status_code == 400, url
    assert response["Content-Type"].startswith("text/html")
    assert "NUL character" in response.content.decode()
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", [url for url in NUL_URLS if url.startswith("/backend/")])
def test_a_nul_in_a_backend_address_is_a_400_before_any_view(wsgi_client, url):
    """As served in production, where the backend's own rule answers (JSON under the API).
    (Django's test client gets the site's page from Django's middleware, above.)"""
    response = wsgi_client.get(url)
    assert response.status_code == 400, url
    if url.startswith("/backend/api/"):
        assert response.headers["Content-Type"] == "application/json"
        assert "NUL" in response.json["message"]
    else:
        assert "NUL character" in response.text
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_an_encoded_percent_sign_is_not_a_nul(admin_client):
    assert admin_client.get("/admin/auth/user/?q=%2500").status_code == 200
    assert admin_client.get("/backend/api/me?x=%2500").status_code == 200


# --- text a database refuses or a page hides ---------------------------------------

# A NUL (PostgreSQL refuses it: a 500 without the rule), other control characters and
# lone surrogates (UTF-8 cannot encode them), inside a title: around it, surrounding
# whitespace would be stripped first.
unwanted = st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\ud800", "\udfff", "\t"])
words = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=10)
with_unwanted = st.tuples(words, unwanted, words).map("".join)


@HYPOTHESIS
@given(title=with_unwanted)
def test_text_outside_the_plain_text_rule_is_a_400_naming_the_field(alice, title):
    """The test-only API and Flask form apply combined.text's rule through the model field."""
    from tests.testapp.models import Item

    api = alice.post("/backend/api/probe/items", json={"title": title}, headers=csrf_headers(alice))
    assert api.status_code == 400, api.text
    assert api.json["field"] == "title"
    if not any("\ud800" <= char <= "\udfff" for char in title):  # a form cannot carry one
        form = alice.post(
            "/backend/probe/items/new",
            data={"title": title, "csrfmiddlewaretoken": csrf_token(alice)},
        )
        assert form.status_code == 400
        assert 'id="form-error"' in form.text
    assert not Item.objects.exists()
