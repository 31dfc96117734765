"""HostCheck remembers the hosts it allowed, and only those (combined.hosts.AllowedHosts).

The cache exists for speed; these tests pin that it never
changes an answer: a refused host stays refused, and the cache stays bounded.
"""

from __future__ import annotations

import pytest
from werkzeug.test import Client

from combined.host_check import HostCheck
from combined.hosts import site_rule


@pytest.fixture(autouse=True)
def hosts(settings):
    settings.ALLOWED_HOSTS = ["localhost", ".example.test"]


def ok_app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"inner"]


def make() -> HostCheck:
    return HostCheck(ok_app, backend_url="/backend/")


def status(app: HostCheck, host: str) -> int:
    return Client(app).get("/", headers={"Host": host}).status_code


def test_an_allowed_host_keeps_being_served_from_the_cache():
    app = make()
    assert [status(app, "localhost:8000") for _ in range(3)] == [200, 200, 200]
    assert site_rule().admitted == {"localhost:8000": "localhost:8000"}


def test_a_refused_host_is_refused_every_time_and_never_cached():
    app = make()
    assert status(app, "localhost") == 200
    assert [status(app, "evil.test") for _ in range(3)] == [400, 400, 400]
    assert "evil.test" not in site_rule().admitted
    assert status(app, "evilexample.test") == 400


def test_the_cache_stays_bounded_over_many_allowed_subdomains():
    app = make()
    site_rule().max_cached_hosts = 8  # this instance only: the class keeps its default
    for n in range(50):
        assert status(app, f"t{n}.example.test") == 200
    assert 1 <= len(site_rule().admitted) <= 8
    assert status(app, "t3.example.test") == 200  # forgotten hosts are checked again
