"""The moved page through a real uWSGI started from deploy/uwsgi.ini."""

from __future__ import annotations

import pytest
import requests

from tests.servers import BIN, free_port, manage, running, site_env


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uWSGI on a free loopback port, over a fresh migrated SQLite database with one note."""
    if not (BIN / "uwsgi").exists():
        pytest.skip(f"no uwsgi in {BIN} (the pyuwsgi dependency)")
    tmp = tmp_path_factory.mktemp("uwsgi")
    port = free_port()
    env = site_env(tmp, COMBINED_HTTP=f"127.0.0.1:{port}", COMBINED_PROCESSES="1")
    create = (
        "from django_site.notes.models import Note; "
        "print(Note.objects.create(title='Via uWSGI').pk)"
    )
    pk = manage(env, "shell", "-v0", "-c", create).split()[-1]
    base = f"http://127.0.0.1:{port}"
    with running(
        [str(BIN / "uwsgi"), "--ini", "deploy/uwsgi.ini"], env, base + "/", tmp / "uwsgi.log"
    ):
        yield base, int(pk)


def test_moved_page_is_served_by_flask_at_its_old_url(server):
    base, pk = server
    response = requests.get(f"{base}/notes/{pk}/", timeout=5)
    assert response.status_code == 200
    assert "<h1>Via uWSGI</h1>" in response.text
    assert response.headers["X-Frame-Options"] == "DENY"
    listing = requests.get(f"{base}/notes/", timeout=5)  # still Django, linking to it
    assert f'href="/notes/{pk}/"' in listing.text


def test_redirect_to_slash_and_405_through_the_server(server):
    base, pk = server
    response = requests.get(f"{base}/notes/{pk}", timeout=5, allow_redirects=False)
    django = requests.get(f"{base}/accounts/login", timeout=5, allow_redirects=False)
    # Django's APPEND_SLASH, as for any Django page: 301 to the relative, slashed path.
    assert (response.status_code, django.status_code) == (301, 301)
    assert response.headers["Location"] == f"/notes/{pk}/"
    assert django.headers["Location"] == "/accounts/login/"
    # Each requests.get opens its own connection: uWSGI's HTTP router closes every
    # connection after one response (no http-keepalive), and a reused one races that.
    followed = requests.get(f"{base}/notes/{pk}/", timeout=5, allow_redirects=False)
    assert followed.status_code == 200  # no redirect loop
    token = "t" * 32  # CSRF is checked first, as on Django; with a token, the method is wrong
    csrf = {"Cookie": f"csrftoken={token}", "X-CSRFToken": token}
    assert requests.post(f"{base}/notes/{pk}/", headers=csrf, timeout=5).status_code == 405
