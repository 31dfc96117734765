"""The Django half on its own, through Django's test client."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    """Django's own test client (the conftest ``client`` is the combined app's)."""
    from django.test import Client

    return Client()


def test_home_links_to_backend(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'href="/backend/"' in response.content
    assert b"site-header" in response.content


def test_login_and_logout(client):
    User.objects.create_user("ada", password="correct horse battery")
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    bad = client.post("/accounts/login/", {"username": "ada", "password": "wrong"})
    assert bad.status_code == 200
    assert b"didn't match" in bad.content
    ok = client.post("/accounts/login/", {"username": "ada", "password": "correct horse battery"})
    assert ok.status_code == 302
    assert client.get("/").context["user"].username == "ada"
    out = client.post("/accounts/logout/")
    assert out.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_admin_requires_staff(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    User.objects.create_superuser("root", "root@example.test", "pw-for-tests-123")
    client.login(username="root", password="pw-for-tests-123")
    assert client.get("/admin/auth/user/").status_code == 200


def test_404_uses_the_shared_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"site-header" in response.content
    assert b"404 Page not found" in response.content


def test_foreign_host_is_400(client):
    response = client.get("/", HTTP_HOST="evil.test")
    assert response.status_code == 400
    assert b"site-header" in response.content


def test_check_is_clean():
    out = io.StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
