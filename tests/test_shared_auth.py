"""One login for both halves: Flask views see the Django user of the request.

Through the combined app (``wsgi_client``, Host ``localhost``), logging in on
Django's real login page. The failure sides: no session, a tampered, unknown or
expired session cookie, a changed password -- anonymous, never a 500.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from werkzeug.test import Client

from tests.accounts import PASSWORD, csrf_token, log_in, session_key

pytestmark = pytest.mark.django_db

ME = "/backend/api/me"


def is_anonymous_on_django(wsgi_client: Client) -> bool:
    page = wsgi_client.get("/").get_data(as_text=True)
    assert "Welcome" in page
    return 'href="/accounts/login/"' in page and "Welcome, " not in page


def assert_anonymous_everywhere(wsgi_client: Client) -> None:
    me = wsgi_client.get(ME)
    assert (me.status_code, me.json["error"]) == (401, "Login required")
    page = wsgi_client.get("/backend/account")
    assert page.status_code == 302
    assert page.headers["Location"] == "/accounts/login/?next=/backend/account"
    assert is_anonymous_on_django(wsgi_client)


def test_anonymous_gets_401_json_and_html_gets_the_login_page(wsgi_client):
    assert_anonymous_everywhere(wsgi_client)
    assert "log in" in wsgi_client.get(ME).json["message"]


def test_login_on_django_is_seen_by_flask(wsgi_client, user):
    log_in(wsgi_client, "alice")
    assert wsgi_client.get(ME).json == {"username": "alice", "is_authenticated": True}
    page = wsgi_client.get("/backend/").get_data(as_text=True)
    assert '<span class="username">alice</span>' in page
    assert "Welcome, alice" in wsgi_client.get("/").get_data(as_text=True)


def test_login_redirect_keeps_the_query_string_in_next(wsgi_client):
    response = wsgi_client.get("/backend/account?title=x&y=1")
    assert response.status_code == 302
    assert response.headers["Location"] == (
        "/accounts/login/?next=/backend/account%3Ftitle%3Dx%26y%3D1"
    )


def test_flask_logout_logs_out_django_too(wsgi_client, user):
    log_in(wsgi_client, "alice")
    response = wsgi_client.post(
        "/backend/logout", data={"csrfmiddlewaretoken": csrf_token(wsgi_client)}
    )
    assert (response.status_code, response.headers["Location"]) == (302, "/")
    assert not Session.objects.exists()
    assert_anonymous_everywhere(wsgi_client)


def test_flask_logout_needs_post_and_a_csrf_token(wsgi_client, user):
    log_in(wsgi_client, "alice")
    assert wsgi_client.get("/backend/logout").status_code == 405
    assert wsgi_client.post("/backend/logout").status_code == 403
    assert wsgi_client.get(ME).status_code == 200


def test_flask_logout_follows_only_a_local_next(wsgi_client, user):
    log_in(wsgi_client, "alice")  # login rotates the CSRF token: read it afterwards
    local = wsgi_client.post(
        "/backend/logout", data={"csrfmiddlewaretoken": csrf_token(wsgi_client), "next": "/admin/"}
    )
    assert local.headers["Location"] == "/admin/"
    log_in(wsgi_client, "alice")
    foreign = wsgi_client.post(
        "/backend/logout",
        data={"csrfmiddlewaretoken": csrf_token(wsgi_client), "next": "https://evil.test/"},
    )
    assert foreign.headers["Location"] == "/"


def test_django_logout_logs_out_flask_too(wsgi_client, user):
    log_in(wsgi_client, "alice")
    response = wsgi_client.post(
        "/accounts/logout/", data={"csrfmiddlewaretoken": csrf_token(wsgi_client)}
    )
    assert response.status_code == 302
    assert_anonymous_everywhere(wsgi_client)


@pytest.mark.parametrize(
    "cookie",
    ["garbage", "x" * 32, "", "'; DROP TABLE django_session; --", "é" * 40, "a" * 3000],
    ids=["short", "unknown", "empty", "sql", "non-ascii", "huge"],
)
def test_tampered_or_unknown_session_cookie_is_anonymous(wsgi_client, user, cookie):
    wsgi_client.set_cookie("sessionid", cookie)
    assert_anonymous_everywhere(wsgi_client)


def test_one_changed_character_in_a_real_session_key_is_anonymous(wsgi_client, user):
    log_in(wsgi_client, "alice")
    key = session_key(wsgi_client)
    wsgi_client.set_cookie("sessionid", key[:-1] + ("a" if key[-1] != "a" else "b"))
    assert_anonymous_everywhere(wsgi_client)


def test_expired_session_is_anonymous(wsgi_client, user):
    log_in(wsgi_client, "alice")
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert_anonymous_everywhere(wsgi_client)


def test_password_change_elsewhere_logs_out_every_session_on_both_halves(user):
    from combined.app import create_app

    app = create_app()
    laptop, phone = Client(app), Client(app)
    log_in(laptop, "alice")
    log_in(phone, "alice")
    # On the laptop, alice changes her password with Django's own form.
    changed = laptop.post(
        "/accounts/password_change/",
        data={
            "old_password": PASSWORD,
            "new_password1": "a brand new passphrase 42",
            "new_password2": "a brand new passphrase 42",
            "csrfmiddlewaretoken": csrf_token(laptop),
        },
    )
    assert changed.status_code == 302, changed.get_data(as_text=True)[:300]
    # The laptop keeps its session (Django's update_session_auth_hash) ...
    assert laptop.get(ME).json["username"] == "alice"
    # ... every other session is logged out, on Flask and on Django.
    assert_anonymous_everywhere(phone)


def test_password_set_through_the_orm_logs_out_flask_sessions(wsgi_client, user):
    log_in(wsgi_client, "alice")
    user.set_password("reset by an admin 1234")
    user.save()
    assert_anonymous_everywhere(wsgi_client)


def test_inactive_user_is_anonymous(wsgi_client, user):
    log_in(wsgi_client, "alice")
    user.is_active = False
    user.save()
    assert wsgi_client.get(ME).status_code == 401
