"""The smallest working pair: a Django page, a Flask page and the API's front door.

These hold in every project, whatever features it was made with (and they
prove it works).
"""

from __future__ import annotations

from core.environment import load_settings

SITE_NAME = load_settings().site_name


def test_django_home_page_shows_the_site_name(wsgi_client):
    response = wsgi_client.get("/", headers={"Host": "localhost"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"<title>Home · {SITE_NAME}</title>" in page
    assert 'href="/backend/"' in page


def test_flask_page_is_served_under_the_prefix(wsgi_client):
    response = wsgi_client.get("/backend/", headers={"Host": "localhost"})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<strong>Flask</strong>" in page
    assert f"<title>Backend · {SITE_NAME}</title>" in page
    assert 'href="/backend/api/"' in page


def test_api_front_door_answers_json_and_lists_endpoints(wsgi_client):
    response = wsgi_client.get("/backend/api/", headers={"Host": "localhost"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["status"] == "ok"
    assert all(url.startswith("/backend/api/") for url in body["endpoints"])
    assert "/backend/api/" not in body["endpoints"]


def test_error_page_outside_both_halves_shows_the_site_name(wsgi_client):
    response = wsgi_client.get("/", headers={"Host": "evil.invalid"})
    assert response.status_code == 400
    assert SITE_NAME in response.get_data(as_text=True)
