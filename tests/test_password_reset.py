"""Password reset and change, end to end through the combined app.

The reset email is captured by Django's in-memory outbox (``mailoutbox``); its link
is followed as a user would. A forged Host never reaches the link (``SITE_URL``
does), a mail server that refuses is an error on the page (503, logged), and the
new password is what both halves see afterwards: old sessions end on both.
"""

from __future__ import annotations

import logging
import re
import socket
from urllib.parse import urlsplit

import pytest
from werkzeug.test import Client

from core.environment import load_settings
from tests.accounts import PASSWORD, csrf_token, log_in
from tests.test_shared_auth import ME, assert_anonymous_everywhere

pytestmark = pytest.mark.django_db
# The project's name (a generated project has its own): SITE_NAME's default here.
NAME = load_settings().site_name

NEW_PASSWORD = "a brand new passphrase for alice"
LINK = re.compile(r"^(\S+/accounts/reset/\S+/)$", re.MULTILINE)


def ask_for_reset(client: Client, email: str, host: str = "localhost"):
    base = f"http://{host}"
    token = csrf_token(client, domain=host)
    form = client.get("/accounts/password_reset/", base_url=base)
    assert form.status_code == 200
    return client.post(
        "/accounts/password_reset/",
        base_url=base,
        data={"email": email, "csrfmiddlewaretoken": token},
    )


def dead_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_reset_by_email_ends_old_sessions_and_logs_in_on_both_halves(
    combined_app, user, mailoutbox, settings
):
    settings.SITE_URL = "http://localhost"
    old = Client(combined_app)
    log_in(old, "alice")
    assert old.get(ME).status_code == 200

    # A Host that ALLOWED_HOSTS (.example.test) lets in must not end up in the link.
    browser = Client(combined_app)
    asked = ask_for_reset(browser, "alice@example.test", host="evil.example.test")
    assert (asked.status_code, asked.headers["Location"]) == (302, "/accounts/password_reset/done/")
    done = browser.get("/accounts/password_reset/done/").get_data(as_text=True)
    assert 'id="reset-sent"' in done

    (email,) = mailoutbox
    assert email.to == ["alice@example.test"]
    assert email.subject == f"Your new password for {NAME}"
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert "evil" not in email.body
    link = LINK.search(email.body)[1]
    assert link.startswith("http://localhost/accounts/reset/")

    landing = browser.get(urlsplit(link).path)
    assert landing.status_code == 302  # Django moves the token into the session
    form = browser.get(landing.headers["Location"])
    assert f"Choose a new password · {NAME}" in form.get_data(as_text=True)
    token = csrf_token(browser)
    new = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    set_it = browser.post(landing.headers["Location"], data={**new, "csrfmiddlewaretoken": token})
    assert (set_it.status_code, set_it.headers["Location"]) == (302, "/accounts/reset/done/")
    assert 'id="reset-complete"' in browser.get("/accounts/reset/done/").get_data(as_text=True)

    # The session from before the reset is over, on Flask and on Django.
    assert_anonymous_everywhere(old)
    # The link works once.
    again = browser.get(browser.get(urlsplit(link).path).headers.get("Location", link))
    assert 'id="invalid-link"' in again.get_data(as_text=True)
    # The old password no longer logs in; the new one does, on both halves.
    refused = browser.post(
        "/accounts/login/",
        data={"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert refused.status_code == 200 and "didn't match" in refused.get_data(as_text=True)
    log_in(browser, "alice", NEW_PASSWORD)
    assert browser.get(ME).json == {"username": "alice", "is_authenticated": True}
    assert "Welcome, alice" in browser.get("/").get_data(as_text=True)


def test_a_mail_server_that_refuses_is_an_error_on_the_page(wsgi_client, user, settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", dead_port(), 5
    for email in ("alice@example.test", "nobody@example.test"):  # the same answer for both
        with caplog.at_level(logging.ERROR, logger="django_site.accounts.views"):
            response = ask_for_reset(wsgi_client, email)
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "120"
        page = response.get_data(as_text=True)
        assert 'id="send-error"' in page and "could not send the email" in page
        assert f"Reset your password · {NAME}" in page
    ours = [r for r in caplog.records if r.name == "django_site.accounts.views"]
    assert [r.getMessage() for r in ours] == [
        "password reset email not sent: ConnectionRefusedError: [Errno 111] Connection refused"
    ] * 2


def test_with_email_disabled_there_is_no_reset_page_or_link(wsgi_client, settings):
    settings.EMAIL_ENABLED = False
    assert wsgi_client.get("/accounts/password_reset/").status_code == 404
    assert wsgi_client.get("/accounts/reset/MQ/set-password/").status_code == 404
    assert 'id="forgot-password"' not in wsgi_client.get("/accounts/login/").get_data(as_text=True)
    settings.EMAIL_ENABLED = True
    assert 'id="forgot-password"' in wsgi_client.get("/accounts/login/").get_data(as_text=True)


def test_password_change_keeps_this_session_and_ends_the_others(combined_app, user):
    here, elsewhere = Client(combined_app), Client(combined_app)
    log_in(here, "alice")
    log_in(elsewhere, "alice")
    page = here.get("/accounts/password_change/").get_data(as_text=True)
    assert f"<title>Change your password · {NAME}</title>" in page
    assert 'class="site-menu"' in page and "Django site admin" not in page
    changed = here.post(
        "/accounts/password_change/",
        data={
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
            "csrfmiddlewaretoken": csrf_token(here),
        },
    )
    assert (changed.status_code, changed.headers["Location"]) == (
        302,
        "/accounts/password_change/done/",
    )
    assert 'id="change-done"' in here.get("/accounts/password_change/done/").get_data(as_text=True)
    assert here.get(ME).json["username"] == "alice"
    assert_anonymous_everywhere(elsewhere)


def test_password_change_needs_a_login(wsgi_client):
    response = wsgi_client.get("/accounts/password_change/")
    assert response.status_code == 302
    assert response.headers["Location"] == "/accounts/login/?next=/accounts/password_change/"
