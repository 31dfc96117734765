"""The wiring: both halves through the combined WSGI app (werkzeug's test client)."""

from __future__ import annotations

import json
import os

import pytest
from werkzeug.test import Client

from combined.app import create_app
from combined.conf import api_mount
from tests.accounts import csrf_headers
from tests.servers import python
from tests.testapp.models import Item

pytestmark = pytest.mark.django_db


def test_root_is_django(wsgi_client):
    response = wsgi_client.get("/")
    assert response.status_code == 200
    assert b"served by <strong>Django</strong>" in response.data


def test_prefix_is_flask(wsgi_client):
    response = wsgi_client.get("/backend/")
    assert response.status_code == 200
    assert b"served by <strong>Flask</strong>" in response.data


def test_bare_prefix_redirects_once_to_slash(wsgi_client):
    response = wsgi_client.get("/backend?x=1")
    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost/backend/?x=1"
    followed = wsgi_client.get("/backend?x=1", follow_redirects=True)
    assert followed.status_code == 200
    assert len(followed.history) == 1


def test_prefix_lookalike_belongs_to_django(wsgi_client):
    response = wsgi_client.get("/backendx")
    assert response.status_code == 404
    assert b"Django" not in response.data or b"site-header" in response.data
    assert not response.is_json
    # Django's page, not Flask's JSON or Flask's error page at /backend/...
    assert b"404 Page not found" in response.data


@pytest.mark.parametrize("path", ["/", "/backend", "/backend/", "/backend/api/", "/admin/"])
def test_foreign_host_is_400_on_both_halves(wsgi_client, path):
    response = wsgi_client.get(path, headers={"Host": "evil.test"})
    assert response.status_code == 400
    assert b"site-header" in response.data
    assert "evil.test" not in response.headers.get("Location", "")


def test_foreign_host_with_port_is_400(wsgi_client):
    assert wsgi_client.get("/backend", headers={"Host": "evil.test:8000"}).status_code == 400


def test_allowed_host_with_port_is_served(wsgi_client):
    response = wsgi_client.get("/backend", headers={"Host": "localhost:8000"})
    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost:8000/backend/"


def test_forwarded_headers_ignored_without_proxy_count(wsgi_client):
    response = wsgi_client.get(
        "/backend",
        headers={"X-Forwarded-Host": "evil.test", "X-Forwarded-Proto": "https"},
    )
    assert response.headers["Location"] == "http://localhost/backend/"


def test_forwarded_headers_used_with_explicit_proxy_count(db, site_settings):
    site_settings(proxy_count=1)
    app = create_app()
    wsgi_client = Client(app)
    response = wsgi_client.get(
        "/backend", headers={"X-Forwarded-Host": "www.example.test", "X-Forwarded-Proto": "https"}
    )
    assert response.headers["Location"] == "https://www.example.test/backend/"
    forged = wsgi_client.get("/backend", headers={"X-Forwarded-Host": "evil.test"})
    assert forged.status_code == 400


def test_url_for_on_backend_pages_is_prefixed(wsgi_client):
    page = wsgi_client.get("/backend/")
    assert b'href="/backend/api/"' in page.data
    assert b'href="/backend/layout-static/' not in page.data  # layout CSS comes from Django


def test_url_for_in_a_backend_view_is_prefixed(wsgi_client):
    created = wsgi_client.post(
        "/backend/api/probe/items", json={"title": "prefixed"}, headers=csrf_headers(wsgi_client)
    )
    assert created.status_code == 201
    assert created.headers["Location"] == f"/backend/api/probe/items/{created.json['id']}"


@pytest.mark.urls("tests.testapp.urls")
def test_row_written_by_flask_is_read_by_django(wsgi_client):
    created = wsgi_client.post(
        "/backend/api/probe/items",
        json={"title": "Written by Flask"},
        headers=csrf_headers(wsgi_client),
    )
    assert created.status_code == 201
    assert b"<li>Written by Flask</li>" in wsgi_client.get("/probe/items/").data
    assert Item.objects.get().title == "Written by Flask"


def test_row_written_by_django_is_read_by_flask(wsgi_client):
    Item.objects.create(title="Written by Django")
    listed = json.loads(wsgi_client.get("/backend/api/probe/items").data)
    assert [item["title"] for item in listed["items"]] == ["Written by Django"]


def test_a_different_backend_prefix(db, site_settings):
    site_settings(backend_prefix="site/v2/")
    wsgi_client = Client(create_app())
    home = wsgi_client.get("/").get_data(as_text=True)
    assert 'href="/site/v2/"' in home and "/backend/" not in home  # Django links to the mount
    assert b"<strong>Flask</strong>" in wsgi_client.get("/site/v2/").data
    assert "/site/v2/api/me" in wsgi_client.get("/site/v2/api/").json["endpoints"]
    assert wsgi_client.get("/site/v2").headers["Location"] == "http://localhost/site/v2/"
    old = wsgi_client.get("/backend/")
    assert old.status_code == 404 and not old.is_json


@pytest.mark.parametrize("prefix", ["/api", "/v1/api"])
def test_a_prefix_ending_in_api_puts_the_api_at_the_backend_root(db, site_settings, prefix):
    """No /api/api/: the API's index is the backend's front page, its URLs right below."""
    site_settings(backend_prefix=prefix)
    wsgi_client = Client(create_app())
    assert f'href="{prefix}/"' in wsgi_client.get("/").get_data(as_text=True)
    index = wsgi_client.get(f"{prefix}/")
    assert (index.status_code, index.json["status"]) == (200, "ok")
    assert f"{prefix}/me" in index.json["endpoints"]
    assert not [url for url in index.json["endpoints"] if "/api/api" in url or "account" in url]
    me = wsgi_client.get(f"{prefix}/me")
    assert (me.status_code, me.json["error"]) == (401, "Login required")
    assert wsgi_client.get(f"{prefix}/api/").status_code == 404  # nothing doubled
    for path in (f"{prefix}/api/", f"{prefix}/nothing", f"{prefix}/me/x"):
        assert wsgi_client.get(path).is_json, path  # errors under the API are JSON
    page = wsgi_client.get(f"{prefix}/account")  # the backend's pages stay pages
    assert page.status_code == 302 and page.headers["Location"].startswith("/accounts/login/")
    assert wsgi_client.get(f"{prefix}/account", method="DELETE").mimetype == "text/html"


@pytest.mark.parametrize(
    ("prefix", "mount"),
    [("/api", ""), ("/v1/api", ""), ("/backend", "/api"), ("/apis", "/api"), ("/api/v1", "/api")],
)
def test_api_mount_follows_the_last_segment_of_the_prefix(prefix, mount):
    assert api_mount(prefix) == mount


@pytest.mark.parametrize("path", ["/nope/", "/backend/nope"])
def test_404_pages_share_one_layout(wsgi_client, path):
    response = wsgi_client.get(path)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert 'class="site-header"' in body
    assert '<link rel="stylesheet" href="/static/layout/site.css">' in body
    assert "404 Page not found" in body


@pytest.mark.parametrize("path", ["/nope/", "/backend/nope"])
def test_error_pages_link_the_stylesheet_at_the_sites_static_url(db, settings, path):
    # An adopted site's STATIC_URL may be anything: the layout's stylesheet is there.
    from combined.app import create_app
    from combined.halves import forget

    settings.STATIC_URL = "/assets/"
    forget()  # the apps are built again, with this STATIC_URL
    response = Client(create_app()).get(path)
    assert response.status_code == 404
    assert '<link rel="stylesheet" href="/assets/layout/site.css">' in response.text


def test_django_500_uses_layout_without_traceback(wsgi_client, settings):
    settings.ROOT_URLCONF = "tests.urls_boom"
    response = wsgi_client.get("/boom/")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "500 Server error" in body and 'class="site-header"' in body
    assert "Traceback" not in body and "secret internals" not in body


def test_flask_500_uses_layout_without_traceback(db):
    import flask_backend

    backend = flask_backend.create_app(script_root="/backend")

    @backend.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    wsgi_client = Client(DispatcherMiddleware(lambda e, s: [], {"/backend": backend}))
    response = wsgi_client.get("/backend/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "500 Server error" in body and 'class="site-header"' in body
    assert "Traceback" not in body and "secret internals" not in body


def test_flask_serves_the_allowed_hosts(db, settings):
    import flask_backend

    backend = flask_backend.create_app(script_root="/backend")
    assert backend.config["ALLOWED_HOSTS"] == settings.ALLOWED_HOSTS
    settings.ALLOWED_HOSTS = ["only.example.test"]  # a test's change reaches a built app
    assert backend.config["ALLOWED_HOSTS"] == ["only.example.test"]
    client = backend.test_client()
    assert client.get("/", headers={"Host": "localhost"}).status_code == 400
    assert client.get("/", headers={"Host": "only.example.test"}).status_code == 200


def test_the_environment_reaches_both_halves_through_djangos_settings(tmp_path):
    """One flow: the environment fills Django's settings; the Flask half reads Django's."""
    code = """
from django.conf import settings
from django.core.management import call_command
from werkzeug.test import Client
from combined.app import create_app
app = create_app()
call_command("migrate", verbosity=0)
client = Client(app)
response = client.get("/", base_url="https://localhost")
print(response.status_code, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)
print('href="/api/"' in response.get_data(as_text=True))
print(client.get("/api/", base_url="https://localhost").status_code)
"""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "BACKEND_PREFIX": "api/",
        "HTTPS": "true",
        "SITE_URL": "https://localhost",
        "DJANGO_SETTINGS_MODULE": "django_site.settings",
    }
    assert python("-c", code, env=env).split() == ["200", "True", "True", "True", "200"]


class TestOverrideSettingsReachesBothHalves:
    """``@override_settings`` and pytest-django's ``settings`` change what both halves
    do, on an app already built; nothing raises (no second configuration)."""

    def test_site_name_on_both_halves(self, wsgi_client, settings):
        settings.SITE_NAME = "Renamed Site"
        assert "Renamed Site" in wsgi_client.get("/").get_data(as_text=True)
        assert "Renamed Site" in wsgi_client.get("/backend/").get_data(as_text=True)

    def test_cookie_settings_on_flasks_answers(self, wsgi_client, user):
        from django.test import override_settings

        from tests.accounts import log_in

        with override_settings(CSRF_COOKIE_SECURE=True, CSRF_COOKIE_NAME="site_csrf"):
            log_in(wsgi_client, user.username)
            form = wsgi_client.get("/backend/probe/items/new")  # Flask renders a token
            assert form.status_code == 200
            cookie = wsgi_client.get_cookie("site_csrf")
            assert cookie is not None and cookie.secure

    def test_the_body_limit(self, wsgi_client, settings):
        settings.MAX_BODY_BYTES = 2048
        response = wsgi_client.post(
            "/backend/api/probe/items", data=b"x" * 4096, content_type="application/json"
        )
        assert response.status_code == 413
