"""Moved pages: Django's route of each hands it to its Flask view, at the old URL.

The moved page here is the test-only one (``tests.migration.moved``), with its
Django route in ``tests.migration.urls``, so every project that can move pages has
these tests, whatever else it was made with. They go through the combined app, as
production does (Django's test clients: tests/test_test_client.py).
"""

from __future__ import annotations

import pytest
from werkzeug.test import Client, EnvironBuilder, run_wsgi_app

from tests.testapp.models import Item

pytestmark = pytest.mark.urls("tests.migration.urls")
TOKEN = "t" * 32  # a well-formed CSRF secret, sent as cookie and header
CSRF = {"Cookie": f"csrftoken={TOKEN}", "X-CSRFToken": TOKEN}


def call(app, path, method="GET", script_name="", headers=None):
    base_url = f"http://localhost{script_name}"
    environ = EnvironBuilder(path=path, method=method, base_url=base_url, headers=headers)
    app_iter, status, headers = run_wsgi_app(app, environ.get_environ(), buffered=True)
    return int(status.split()[0]), headers, b"".join(app_iter).decode()


def test_a_moved_page_is_served_at_its_old_url_in_the_sites_layout(wsgi_client):
    item = Item.objects.create(title="Moved")
    response = wsgi_client.get(f"/probe/moved/{item.pk}/")
    assert response.status_code == 200 and "<h1>Moved</h1>" in response.text
    assert 'class="site-header"' in response.text  # the shared layout, as on Django pages
    assert response.headers["X-Frame-Options"] == "DENY"  # Django's middleware ran
    assert "Cookie" in response.headers["Vary"]


def test_a_flask_404_in_a_moved_view_is_the_sites_404_page(wsgi_client):
    response = wsgi_client.get("/probe/moved/999999/")
    assert response.status_code == 404
    assert "404 Page not found" in response.text


def test_wrong_method_on_a_moved_path_is_flasks_405(combined_app):
    status, headers, body = call(combined_app, "/probe/moved/1/", method="POST", headers=CSRF)
    assert status == 405
    assert set(headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "405 Method not allowed" in body  # the shared error page, not Django's CSRF 403


@pytest.mark.parametrize("host", ["localhost", "shop.example.test"])
def test_a_missing_slash_answers_exactly_as_djangos_append_slash(wsgi_client, host):
    item = Item.objects.create(title="Moved")
    moved = wsgi_client.get(f"/probe/moved/{item.pk}", headers={"Host": host})
    django = wsgi_client.get("/probe/items", headers={"Host": host})  # a Django page
    assert (moved.status_code, django.status_code) == (301, 301)
    assert moved.headers["Location"] == f"/probe/moved/{item.pk}/"  # relative, as Django's
    assert django.headers["Location"] == "/probe/items/"
    followed = wsgi_client.get(f"/probe/moved/{item.pk}", follow_redirects=True)
    assert followed.status_code == 200
    assert [r.status_code for r in followed.history] == [301]


def test_foreign_host_gets_400_not_a_redirect_to_it(wsgi_client):
    response = wsgi_client.get("/probe/moved/1", headers={"Host": "evil.test"})
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_under_a_script_name_the_redirect_keeps_it(combined_app):
    from django.urls import set_script_prefix

    try:
        status, headers, _body = call(combined_app, "/probe/moved/1", script_name="/site")
    finally:
        set_script_prefix("/")  # Django's handler set it for this thread
    assert status == 301
    assert headers["Location"] == "/site/probe/moved/1/"


def test_a_handed_over_url_name_still_reverses_to_the_moved_page(wsgi_client):
    from django.urls import reverse

    item = Item.objects.create(title="Linked")
    assert reverse("probe-moved", args=[item.pk]) == f"/probe/moved/{item.pk}/"
    assert "<h1>Linked</h1>" in wsgi_client.get(f"/probe/moved/{item.pk}/").text  # Flask's


def test_moved_page_is_not_duplicated_under_the_backend_prefix(wsgi_client):
    item = Item.objects.create(title="Once")
    assert wsgi_client.get(f"/backend/probe/moved/{item.pk}/").status_code == 404
    backend = wsgi_client.get("/backend/").text  # the backend's own url_for is unchanged
    assert 'href="/backend/api/"' in backend


def test_django_alone_serves_a_moved_page_too(db, with_moved_page):
    """Django's own WSGI app (what LiveServerTestCase and django-webtest wrap) serves
    the moved page: the route that hands it over is Django's."""
    from django_site.wsgi import application

    item = Item.objects.create(title="Still here")
    response = Client(application).get(f"/probe/moved/{item.pk}/")
    assert response.status_code == 200
    assert "<h1>Still here</h1>" in response.text


# example:begin
@pytest.mark.urls("django_site.urls")
def test_django_pages_still_link_to_the_moved_note_page(wsgi_client):
    from django_site.notes.models import Note

    note = Note.objects.create(title="Linked")
    page = wsgi_client.get("/notes/").text
    assert f'href="/notes/{note.pk}/"' in page
    assert wsgi_client.get(f"/notes/{note.pk}/").status_code == 200


@pytest.mark.urls("django_site.urls")
def test_django_alone_serves_the_moved_note_page(db):
    from django_site.notes.models import Note
    from django_site.wsgi import application

    note = Note.objects.create(title="Served by Flask, through Django")
    response = Client(application).get(f"/notes/{note.pk}/")
    assert response.status_code == 200
    assert "Served by Flask, through Django" in response.text


# example:end
