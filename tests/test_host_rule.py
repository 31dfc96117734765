"""One Host rule for both halves (combined.hosts): what the host check admits, both serve.

Flask's own ``TRUSTED_HOSTS`` check disagreed with Django's ``ALLOWED_HOSTS`` (upper
case, a trailing dot, a port out of range, IPv6 literals), and its error page then
crashed building URLs, so the worker sent no answer at all. Each class of Host value
is tried on both halves through the combined app, on the Flask backend alone, and
(tests/test_uwsgi.py) through a real uWSGI.
"""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.test import Client

import flask_backend
from combined.host_check import HostCheck
from combined.hosts import AllowedHosts, normal_host

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# tests/environment.py allows these names (and every subdomain of example.test).
NAMES = ["localhost", "127.0.0.1", "example.test", "acme.example.test", "[::1]"]
PAGES = {"/": "Django", "/backend/": "Flask"}


def mixed_case(name: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
        lambda flips: "".join(c.upper() if f else c for c, f in zip(name, flips, strict=True))
    )


@st.composite
def served_hosts(draw) -> str:
    """An allowed name in any case, maybe with a trailing dot and a valid port."""
    name = draw(mixed_case(draw(st.sampled_from(NAMES))))
    if not name.startswith("[") and draw(st.booleans()):
        name += "."
    port = draw(st.none() | st.integers(1, 65535).map(str) | st.just("0080"))
    return name if port is None else f"{name}:{port}"


bad_ports = st.sampled_from(["", "0", "00", "65536", "99999", "123456", "abc", "8o", "-1", "+80"])


@HYPOTHESIS
@given(host=served_hosts())
def test_every_host_the_site_admits_is_served_by_both_halves(wsgi_client, host):
    for path, half in PAGES.items():
        response = wsgi_client.get(path, headers={"Host": host})
        assert response.status_code == 200, (host, path, response.text[:300])
        assert f"served by <strong>{half}</strong>" in response.text
    api = wsgi_client.get("/backend/api/", headers={"Host": host})
    assert api.status_code == 200 and api.json["status"] == "ok"
    missing = wsgi_client.get("/backend/no-such-page", headers={"Host": host})
    assert missing.status_code == 404 and "404 Page not found" in missing.text


@HYPOTHESIS
@given(host=served_hosts())
def test_redirects_name_the_host_in_its_normal_form(wsgi_client, host):
    response = wsgi_client.get("/backend", headers={"Host": host})
    assert response.status_code == 308
    served = normal_host(host).removesuffix(":80")  # the default port is left out
    assert response.headers["Location"] == f"http://{served}/backend/"


@HYPOTHESIS
@given(name=st.sampled_from(NAMES).flatmap(mixed_case), port=bad_ports)
def test_a_malformed_port_is_400_before_either_half(wsgi_client, name, port):
    for path in ("/", "/backend/", "/backend/api/", "/admin/"):
        response = wsgi_client.get(path, headers={"Host": f"{name}:{port}"})
        assert response.status_code == 400, (name, port, path)
        assert '<section class="error" data-status="400">' in response.text
        assert "Location" not in response.headers


@pytest.mark.parametrize("host", ["Example.Test", "example.test.", "[0:0::1]:8000", "LOCALHOST"])
def test_the_backend_alone_serves_what_the_site_admits(host):
    wsgi_client = flask_backend.create_app().test_client()
    response = wsgi_client.get("/", headers={"Host": host})
    assert response.status_code == 200 and "served by <strong>Flask</strong>" in response.text
    assert wsgi_client.get("/api/", headers={"Host": host}).json["status"] == "ok"


@pytest.mark.parametrize(
    "host", ["evil.test", "example.test:0", "localhost:99999", "ex_ample.test"]
)
def test_the_backend_alone_refuses_other_hosts_with_a_readable_400(host):
    wsgi_client = flask_backend.create_app().test_client()
    page = wsgi_client.get("/", headers={"Host": host})
    assert page.status_code == 400 and '<section class="error" data-status="400">' in page.text
    api = wsgi_client.get("/api/me", headers={"Host": host})
    assert api.status_code == 400 and api.json["error"] == "Bad request"


@HYPOTHESIS
@given(host=st.sampled_from(["evil.test", "Example.Test"]), path=st.sampled_from(["/", "/nope"]))
def test_flask_error_pages_render_when_flask_cannot_build_urls(host, path):
    # A project that sets Flask's own TRUSTED_HOSTS: Flask then has no URL adapter.
    app = flask_backend.create_app(config={"TRUSTED_HOSTS": ["only.test"]})
    response = app.test_client().get(path, headers={"Host": host})
    assert response.status_code == 400
    assert '<section class="error" data-status="400">' in response.text


def test_a_refused_host_is_logged_once_with_the_setting_to_change(wsgi_client, caplog):
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert wsgi_client.get("/", headers={"Host": "127.0.0.2"}).status_code == 400
            assert wsgi_client.get("/backend/", headers={"Host": "127.0.0.2"}).status_code == 400
    lines = [r.getMessage() for r in caplog.records if "127.0.0.2" in r.getMessage()]
    assert len(lines) == 1
    assert "ALLOWED_HOSTS" in lines[0]


def test_the_refusal_log_stays_bounded(caplog):
    rule = AllowedHosts(["localhost"])
    rule.max_logged_hosts = 8
    with caplog.at_level(logging.WARNING):
        for n in range(100):
            assert rule.admit(f"h{n}.evil.test") is None
    assert len(caplog.records) == 100  # each new host once...
    assert len(rule._logged) <= 8  # ...and memory stays bounded


def test_the_host_check_hands_the_normal_form_to_the_app(settings):
    settings.ALLOWED_HOSTS = ["localhost", "[::1]"]
    seen = []

    def inner(environ, start_response):
        seen.append(environ["HTTP_HOST"])
        start_response("200 OK", [])
        return [b""]

    app = Client(HostCheck(inner, backend_url="/backend/"))
    for host in ("LocalHost.", "localhost:08000", "[0:0::1]:443"):
        assert app.get("/", headers={"Host": host}).status_code == 200
    assert seen == ["localhost", "localhost:8000", "[::1]:443"]
