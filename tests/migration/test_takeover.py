"""The route takeover: moved pages go to Flask at their old URLs, the rest to Django.

The moved page here is the test-only one (``tests.migration.moved``), so every
project with the takeover has these tests, whatever else it was made with.
"""

from __future__ import annotations

import pytest
from werkzeug.test import Client, EnvironBuilder, run_wsgi_app

from combined.takeover import TakeoverRouter
from core.settings import load_settings
from tests.migration.moved import add_moved_page
from tests.testapp.models import Item


class Recorder:
    """A stand-in Django: records each environ it gets and answers 200 'django'."""

    def __init__(self) -> None:
        self.calls: list[dict] = []

    def __call__(self, environ, start_response):
        self.calls.append(dict(environ))
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"django"]


@pytest.fixture
def router(db):
    import flask_backend

    migrated = add_moved_page(flask_backend.create_migrated_app(load_settings()))
    flask_calls: list[dict] = []
    wsgi_app = migrated.wsgi_app

    def recording(environ, start_response):
        flask_calls.append(dict(environ))
        return wsgi_app(environ, start_response)

    migrated.wsgi_app = recording
    router = TakeoverRouter(Recorder(), migrated)
    router.flask_calls = flask_calls
    matches: list[str] = []
    match = router._adapter.match
    router._adapter.match = lambda path, method: (matches.append(path), match(path, method))[1]
    router.matches = matches
    return router


TOKEN = "t" * 32  # a well-formed CSRF secret, sent as cookie and header
CSRF = {"Cookie": f"csrftoken={TOKEN}", "X-CSRFToken": TOKEN}


def call(app, path, method="GET", script_name="", headers=None):
    base_url = f"http://localhost{script_name}"
    environ = EnvironBuilder(path=path, method=method, base_url=base_url, headers=headers)
    app_iter, status, headers = run_wsgi_app(app, environ.get_environ(), buffered=True)
    return int(status.split()[0]), headers, b"".join(app_iter).decode()


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        ("/", 0),  # no migrated rule starts like this: the matcher is skipped
        ("/admin/login/", 0),
        ("/static/x", 0),
        ("/probe/moved/", 1),  # starts like /probe/moved/<int:pk>/: one match, a miss
        ("/probe/moved/1/edit", 1),
        ("/probe/movedx", 1),
    ],
)
def test_unmatched_path_goes_to_django_after_at_most_one_map_match(router, path, matches):
    status, _headers, body = call(router, path)
    assert (status, body) == (200, "django")
    assert router.matches == [path] * matches  # the whole cost: at most one map match
    assert router.flask_calls == []
    (environ,) = router.django_app.calls
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("", path)


def test_migrated_path_goes_to_flask_at_the_root(router):
    item = Item.objects.create(title="Moved")
    status, _headers, body = call(router, f"/probe/moved/{item.pk}/")
    assert status == 200 and "<h1>Moved</h1>" in body
    assert 'class="site-header"' in body  # the shared layout, as on Django pages
    assert router.django_app.calls == []
    (environ,) = router.flask_calls
    assert (environ["SCRIPT_NAME"], environ["PATH_INFO"]) == ("", f"/probe/moved/{item.pk}/")


def test_wrong_method_on_a_migrated_path_is_flasks_405(router):
    status, headers, body = call(router, "/probe/moved/1/", method="POST", headers=CSRF)
    assert status == 405
    assert set(headers["Allow"].split(", ")) == {"GET", "HEAD", "OPTIONS"}
    assert "405 Method not allowed" in body  # the shared error page, not Django's CSRF 403
    assert router.django_app.calls == []


def test_the_router_matches_paths_as_flask_does(router):
    assert router.claims("/probe/moved/1/")
    assert router.claims("/probe/moved/1")  # Flask redirects it to the slashed path
    assert router.claims("/probe/moved/1/", "DELETE")  # Flask answers 405
    assert not router.claims("/probe/moved/x/")
    assert not router.claims("/Probe/moved/1/")  # case-sensitive, like Django
    assert not router.claims("/backend/probe/moved/1/")


# --- through the combined app -------------------------------------------------


def test_missing_slash_redirects_to_the_same_host_and_does_not_loop(wsgi_client):
    item = Item.objects.create(title="Moved")
    response = wsgi_client.get(f"/probe/moved/{item.pk}", headers={"Host": "shop.example.test"})
    assert response.status_code == 308
    assert response.headers["Location"] == f"http://shop.example.test/probe/moved/{item.pk}/"
    followed = wsgi_client.get(f"/probe/moved/{item.pk}", follow_redirects=True)
    assert followed.status_code == 200
    assert [r.status_code for r in followed.history] == [308]


def test_foreign_host_gets_400_not_a_redirect_to_it(wsgi_client):
    response = wsgi_client.get("/probe/moved/1", headers={"Host": "evil.test"})
    assert response.status_code == 400
    assert "Location" not in response.headers


def test_under_a_script_name_the_redirect_keeps_it(combined_app):
    status, headers, _body = call(combined_app, "/probe/moved/1", script_name="/site")
    assert status == 308
    assert headers["Location"] == "http://localhost/site/probe/moved/1/"


@pytest.mark.urls("tests.migration.urls")
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


@pytest.mark.urls("tests.migration.urls")
def test_django_alone_answers_a_moved_page_with_404(db):
    from django_site.wsgi import application

    item = Item.objects.create(title="Gone from Django")
    response = Client(application).get(f"/probe/moved/{item.pk}/")
    assert response.status_code == 404
    assert "404 Page not found" in response.text


# example:begin
def test_django_pages_still_link_to_the_moved_note_page(wsgi_client):
    from django_site.notes.models import Note

    note = Note.objects.create(title="Linked")
    page = wsgi_client.get("/notes/").text
    assert f'href="/notes/{note.pk}/"' in page
    assert wsgi_client.get(f"/notes/{note.pk}/").status_code == 200


def test_django_alone_answers_the_moved_note_page_with_404(db):
    from django_site.notes.models import Note
    from django_site.wsgi import application

    note = Note.objects.create(title="Gone from Django")
    response = Client(application).get(f"/notes/{note.pk}/")
    assert response.status_code == 404


# example:end
