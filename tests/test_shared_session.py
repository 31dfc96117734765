"""One session: ``flask.session`` is the Django session (one cookie, one store).

A combined app whose Flask half has two probe views, and Django test URLs
(``tests/urls_session.py``) with two more, show a value written on one half is
read on the other, whatever ``SESSION_ENGINE`` is.
"""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.db import SessionStore
from flask import flash, get_flashed_messages, jsonify, request, session
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import Client

from combined.bridge.auth import login_user
from tests.accounts import log_in, session_key

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.urls_session")]

ENGINES = [
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cache",
    "django.contrib.sessions.backends.cached_db",
    "django.contrib.sessions.backends.signed_cookies",
]


@pytest.fixture
def make_probe_client(settings):
    """Build the app after settings are changed: Django's middleware reads them once."""
    return build_probe_client


@pytest.fixture
def probe_client(make_probe_client) -> Client:
    return make_probe_client()


def build_probe_client() -> Client:
    from django.core.handlers.wsgi import WSGIHandler

    import flask_backend

    django_app = WSGIHandler()
    # No Settings object: the bridge is tested under Django settings the tests change.
    backend = flask_backend.create_app(script_root="/backend")

    @backend.get("/probe/session/set")
    def flask_set():
        session["from_flask"] = request.args["value"]
        if "temporary" in request.args:
            session.permanent = False
        return jsonify(ok=True)

    @backend.get("/probe/session/get")
    def flask_get():
        return jsonify(from_django=session.get("from_django"), keys=sorted(session))

    @backend.get("/probe/session/clear")
    def flask_clear():
        session.clear()
        return jsonify(ok=True)

    @backend.get("/probe/login/<username>")
    def flask_login(username):
        from django.contrib.auth import get_user_model

        login_user(get_user_model().objects.get_by_natural_key(username))
        return jsonify(ok=True)

    @backend.get("/probe/session/race")
    def flask_race():
        from django.contrib.sessions.models import Session

        session["from_flask"] = "lost"
        Session.objects.all().delete()  # a logout in a concurrent request
        return jsonify(ok=True)

    @backend.get("/probe/flash")
    def flask_flash():
        flash("saved", "info")
        return jsonify(ok=True)

    @backend.get("/probe/flashes")
    def flask_flashes():
        return jsonify([list(pair) for pair in get_flashed_messages(with_categories=True)])

    return Client(DispatcherMiddleware(django_app, {"/backend": backend}))


def set_cookie_headers(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")


@pytest.mark.parametrize("engine", ENGINES, ids=lambda e: e.rsplit(".", 1)[1])
def test_values_cross_between_halves(make_probe_client, settings, engine):
    settings.SESSION_ENGINE = engine
    probe_client = make_probe_client()
    assert probe_client.get("/backend/probe/session/set?value=f1").status_code == 200
    assert probe_client.get("/probe/session/get").json == {"from_flask": "f1"}
    probe_client.get("/probe/session/set?value=d1")
    assert probe_client.get("/backend/probe/session/get").json == {
        "from_django": "d1",
        "keys": ["from_django", "from_flask"],
    }


def test_flask_writes_land_in_the_django_session_store(probe_client):
    probe_client.get("/backend/probe/session/set?value=stored")
    store = SessionStore(session_key(probe_client))
    assert store["from_flask"] == "stored"


def test_one_cookie_with_djangos_name_and_flags(probe_client):
    response = probe_client.get("/backend/probe/session/set?value=x")
    (cookie,) = set_cookie_headers(response)
    assert cookie.startswith(f"{django_settings.SESSION_COOKIE_NAME}=")
    assert "; Path=/;" in cookie + ";"
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert f"Max-Age={django_settings.SESSION_COOKIE_AGE}" in cookie
    assert "Cookie" in response.headers["Vary"]
    assert probe_client.get_cookie("session") is None
    assert probe_client.get_cookie("backend_session") is None


def test_login_from_django_is_kept_when_flask_writes(probe_client, user):
    log_in(probe_client, "alice")
    key = session_key(probe_client)
    probe_client.get("/backend/probe/session/set?value=x")
    assert session_key(probe_client) == key
    assert probe_client.get("/backend/api/me").json["username"] == "alice"


def test_reading_only_sets_no_cookie_unless_save_every_request(make_probe_client, settings):
    probe_client = make_probe_client()
    probe_client.get("/backend/probe/session/set?value=x")
    assert set_cookie_headers(probe_client.get("/backend/probe/session/get")) == []
    settings.SESSION_SAVE_EVERY_REQUEST = True
    (cookie,) = set_cookie_headers(probe_client.get("/backend/probe/session/get"))
    assert cookie.startswith("sessionid=")


def test_session_permanent_false_expires_at_browser_close(probe_client):
    response = probe_client.get("/backend/probe/session/set?value=x&temporary=1")
    (cookie,) = set_cookie_headers(response)
    assert "Max-Age" not in cookie and "expires" not in cookie.lower()
    assert SessionStore(session_key(probe_client)).get_expire_at_browser_close()


def test_clearing_the_flask_session_deletes_it_and_the_cookie(probe_client):
    probe_client.get("/backend/probe/session/set?value=x")
    key = session_key(probe_client)
    (cookie,) = set_cookie_headers(probe_client.get("/backend/probe/session/clear"))
    assert cookie.startswith('sessionid=""') and "Max-Age=0" in cookie
    assert probe_client.get_cookie("sessionid") is None
    assert not SessionStore(key).exists(key)
    assert probe_client.get("/probe/session/get").json == {"from_flask": None}


def test_a_page_that_does_not_touch_the_session_sets_no_cookie(probe_client):
    response = probe_client.get("/backend/api/")
    assert set_cookie_headers(response) == []
    assert "Cookie" not in response.headers.get("Vary", "")


def test_flask_test_client_session_transaction_uses_the_django_store(flask_client):
    with flask_client.session_transaction() as sess:
        sess["from_test"] = 7
    key = flask_client.get_cookie("sessionid").value
    assert SessionStore(key)["from_test"] == 7


def test_login_user_on_flask_cycles_the_key_and_django_sees_the_user(probe_client, user):
    probe_client.get("/backend/probe/session/set?value=before-login")
    anonymous_key = session_key(probe_client)
    assert probe_client.get("/backend/probe/login/alice").status_code == 200
    assert session_key(probe_client) != anonymous_key  # no session fixation
    assert "Welcome, alice" in probe_client.get("/").get_data(as_text=True)
    assert probe_client.get("/probe/session/get").json == {"from_flask": "before-login"}


def test_flask_flash_messages_survive_the_json_session(probe_client):
    probe_client.get("/backend/probe/flash")
    assert probe_client.get("/backend/probe/flashes").json == [["info", "saved"]]
    assert probe_client.get("/backend/probe/flashes").json == []


def test_session_deleted_during_the_request_is_not_resurrected(probe_client, caplog):
    from django.contrib.sessions.models import Session

    probe_client.get("/backend/probe/session/set?value=x")
    response = probe_client.get("/backend/probe/session/race")
    assert response.status_code == 200
    assert set_cookie_headers(response) == []
    assert not Session.objects.exists()
    assert "session deleted during the request" in caplog.text
