"""One set of behaviour tests for the note detail page, run against both versions.

``django``: the original view and template (tests/migration/reference/), on Django
alone. ``flask``: the port in ``flask_backend.migrated``, through the combined app
as users reach it. A port is done when every test here passes for both.
"""

from __future__ import annotations

import html
import importlib.util
import re

import pytest

from tests.migration.conftest import login

SECURITY_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.fixture(params=["django", "flask"])
def site(request):
    if request.param == "django":
        return request.getfixturevalue("django_reference")
    return request.getfixturevalue("wsgi_client")  # the combined app (tests/conftest.py)


def note(**fields):
    from django_site.notes.models import Note

    return Note.objects.create(**{"title": "Groceries", "body": "", **fields})


def text(page: str, pattern: str) -> str:
    found = re.search(pattern, page, re.S)
    assert found, f"{pattern!r} not in page"
    return html.unescape(found.group(1).strip())


def test_page_shows_title_author_date_and_body(site, author):
    n = note(title='Tom & "Jerry"', body="<b>milk</b> & 'eggs'\n\nbread\r\nbutter", author=author)
    response = site.get(f"/notes/{n.pk}/")
    page = response.text
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert text(page, r"<title>(.*?)</title>") == 'Tom & "Jerry" · Notes'
    assert text(page, r"<h1>(.*?)</h1>") == 'Tom & "Jerry"'
    created = n.created_at.strftime("%Y-%m-%d %H:%M")  # TIME_ZONE is UTC in the tests
    assert text(page, r'<p class="meta">(.*?)</p>') == f"by alice, {created}"
    assert f'data-id="{n.pk}"' in page
    # Escaped, paragraphs and line breaks exactly as Django's linebreaks filter makes them.
    body = re.search(r'<div class="body">(.*?)</div>', page, re.S).group(1)
    assert body == (
        "<p>&lt;b&gt;milk&lt;/b&gt; &amp; &#x27;eggs&#x27;</p>\n\n<p>bread<br>butter</p>"
    )


def test_note_without_author_says_anonymous(site):
    n = note(body="")
    page = site.get(f"/notes/{n.pk}/").text
    assert text(page, r'<p class="meta">(.*?),').startswith("by anonymous")
    assert re.search(r'<div class="body"><p></p></div>', page)


def test_links_lead_to_the_same_places(site):
    page = site.get(f"/notes/{note().pk}/").text
    links = set(re.findall(r'href="([^"]*)"', page))
    assert {"/", "/notes/", "/admin/", "/backend/", "/static/layout/site.css"} <= links
    assert "/accounts/login/" in links  # anonymous visitors get a login link


@pytest.mark.parametrize("path", ["/notes/999999/", "/notes/abc/", "/notes/-1/"])
def test_unknown_note_is_the_sites_404_page(site, path):
    response = site.get(path)
    assert response.status_code == 404
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert text(response.text, r"<h1>(.*?)</h1>") == "404 Page not found"
    assert "There is no page at this address." in response.text


@pytest.mark.parametrize("found", [True, False])
def test_security_headers_are_kept(site, found):
    response = site.get(f"/notes/{note().pk if found else 999999}/")
    assert response.status_code == (200 if found else 404)
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name


def test_page_varies_on_the_login_cookie(site):
    response = site.get(f"/notes/{note().pk}/")
    assert "Cookie" in {v.strip() for v in response.headers["Vary"].split(",")}


def test_head_gets_the_page_headers(site):
    # Django leaves dropping the body to the server; werkzeug drops it itself.
    response = site.head(f"/notes/{note().pk}/")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_logged_in_user_sees_their_name(site, author, request):
    if request.node.callspec.params["site"] == "flask" and not _flask_sees_django_login():
        pytest.skip("the Flask side needs flask_backend.django_bridge.auth (current_user)")
    login(site, author)
    page = site.get(f"/notes/{note().pk}/").text
    assert text(page, r'<span class="username">(.*?)</span>') == "alice"
    assert "/accounts/login/" not in page


def _flask_sees_django_login() -> bool:
    try:
        return importlib.util.find_spec("flask_backend.django_bridge.auth") is not None
    except ModuleNotFoundError:  # django_bridge is still a module, not a package
        return False
