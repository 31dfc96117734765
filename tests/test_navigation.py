"""One site name and one menu on every page of both halves.

The menu is ``combined.layout.navigation.MENU``, rendered by ``layout/base.html`` for
Django and for Flask alike; the entry for the page shown carries
``aria-current="page"``. No page takes the site name from the Host.
"""

from __future__ import annotations

import json
import re

import pytest

from combined.layout.navigation import MenuItem, links
from core.environment import load_settings
from tests.accounts import log_in
from tests.test_production import run_python

pytestmark = pytest.mark.django_db
# The project's name (a generated project has its own): SITE_NAME's default here.
NAME = load_settings().site_name

MENU = re.compile(r'<nav class="site-menu" aria-label="Site">(.*?)</nav>', re.DOTALL)
LINK = re.compile(r'<a href="([^"]*)"( aria-current="page")?>([^<]*)</a>')


def menu_of(page: str) -> list[tuple[str, str, bool]]:
    """(label, href, current) of each menu entry on ``page``."""
    nav = MENU.search(page)
    assert nav, page[:500]
    return [(label, href, bool(current)) for href, current, label in LINK.findall(nav[1])]


EXPECTED = [
    ("Home", "/"),
    ("Backend", "/backend/"),
    # example:begin
    ("Notes", "/notes/"),
    # example:end
    ("Admin", "/admin/"),
]


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/", "Home"),
        ("/backend/", "Backend"),
        ("/accounts/login/", None),
        ("/accounts/password_reset/", None),
        ("/no-such-page/", None),
        ("/backend/no-such-page", "Backend"),
        # example:begin
        ("/notes/", "Notes"),
        # example:end
    ],
)
def test_every_page_of_both_halves_shows_the_same_menu(wsgi_client, path, current):
    page = wsgi_client.get(path).get_data(as_text=True)
    entries = menu_of(page)
    assert [(label, href) for label, href, _ in entries] == EXPECTED
    assert [label for label, _, is_current in entries if is_current] == (
        [current] if current else []
    )
    assert page.count('aria-current="page"') == (1 if current else 0)


def test_flask_account_page_marks_the_backend_and_keeps_the_menu(wsgi_client, user):
    log_in(wsgi_client, "alice")
    page = wsgi_client.get("/backend/account").get_data(as_text=True)
    entries = menu_of(page)
    assert [(label, href) for label, href, _ in entries] == EXPECTED
    assert [label for label, _, is_current in entries if is_current] == ["Backend"]
    # The account box links to the password change page, as on Django's pages.
    assert '<a href="/accounts/password_change/">Change password</a>' in page
    assert '<a href="/accounts/password_change/">Change password</a>' in (
        wsgi_client.get("/").get_data(as_text=True)
    )


def test_the_current_entry_is_the_longest_match_and_home_only_on_home():
    menu = (MenuItem("Home", path="/"), MenuItem("Docs", path="/docs/"),
            MenuItem("API", path="/docs/api/"), MenuItem("Admin", url_name="admin"))  # fmt: skip
    current = [e["label"] for e in links("/docs/api/x", "/b", None, menu) if e["current"]]
    assert current == ["API"]
    assert [e["label"] for e in links("/elsewhere", "/b", None, menu) if e["current"]] == []
    # No resolver (pages rendered before Django): entries named by Django URL are left out.
    assert [e["label"] for e in links("/", "/b", None, menu)] == ["Home", "Docs", "API"]
    assert links("/", "/b", lambda name: f"/{name}/", menu)[-1]["url"] == "/admin/"


def test_login_page_title_and_brand_never_show_the_host(wsgi_client):
    page = wsgi_client.get("/accounts/login/", headers={"Host": "127.0.0.1"}).get_data(as_text=True)
    assert f"<title>Log in · {NAME}</title>" in page
    assert f'<a class="brand" href="/">{NAME}</a>' in page
    assert "127.0.0.1" not in page


def test_site_name_setting_reaches_every_page_and_the_reset_email():
    result = run_python(
        """
        import json, re
        from django.core import mail
        from django.core.management import call_command
        from django.test.utils import setup_test_environment
        from werkzeug.test import Client
        from combined.app import create_app
        setup_test_environment()  # the in-memory outbox
        client = Client(create_app())
        call_command("migrate", verbosity=0)
        from django.contrib.auth.models import User
        User.objects.create_user("ada", "ada@example.test", "pw-for-the-name-test")
        out = {}
        for path in ["/", "/backend/", "/accounts/login/", "/accounts/password_reset/",
                     "/no-such-page/", "/backend/no-such-page"]:
            page = client.get(path, headers={"Host": "127.0.0.1"}).get_data(as_text=True)
            out[path] = [re.search("<title>(.*)</title>", page)[1],
                         re.search('class="brand" href="/">(.*?)</a>', page)[1]]
        refused = client.get("/", headers={"Host": "elsewhere.test"}).get_data(as_text=True)
        out["foreign host"] = re.search('class="brand" href="/">(.*?)</a>', refused)[1]
        client.set_cookie("csrftoken", "t" * 32, domain="127.0.0.1")
        client.post("/accounts/password_reset/", headers={"Host": "127.0.0.1"},
                    data={"email": "ada@example.test", "csrfmiddlewaretoken": "t" * 32})
        out["email"] = [mail.outbox[0].subject, "Acme Site" in mail.outbox[0].body]
        print(json.dumps(out))
        """,
        SITE_NAME="Acme Site",
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL="http://127.0.0.1",
        DATABASE_URL="sqlite://:memory:",
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    for path in ["/", "/backend/", "/accounts/login/", "/accounts/password_reset/"]:
        title, brand = out[path]
        assert title.endswith("· Acme Site") and brand == "Acme Site", path
    assert out["/no-such-page/"] == ["404 Page not found", "Acme Site"]
    assert out["/backend/no-such-page"] == ["404 Page not found", "Acme Site"]
    assert out["foreign host"] == "Acme Site"
    assert out["email"] == ["Your new password for Acme Site", True]


def test_the_admin_says_the_site_name_too(wsgi_client):
    page = wsgi_client.get("/admin/login/").get_data(as_text=True)
    assert f"{NAME} administration" in page
    assert "Django administration" not in page
