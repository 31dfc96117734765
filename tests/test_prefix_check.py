"""``site.E002``: Django URL patterns under ``BACKEND_PREFIX`` are reported by ``check``.

The test URLconf is this module: a route straight under the prefix, one inside an
included app (with its namespace), a regex route, and routes that only look alike.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.http import HttpResponse
from django.urls import clear_url_caches, include, path, re_path

from combined.prefix_check import hidden_routes, routes_under_backend_prefix


def view(request, **kwargs):
    return HttpResponse("django")


shop = ([path("", view, name="index"), path("<int:pk>/", view, name="item")], "shop")
urlpatterns = [
    path("backend/old/", view, name="old"),
    path("api/", include(shop)),
    re_path(r"^backend/(?P<year>[0-9]{4})/$", view, name="archive"),
    re_path(r"^report\.csv$", view, name="report"),
    path("backendish/", view, name="lookalike"),
    path("back/", view, name="short"),
]


@pytest.fixture
def urlconf(settings):
    settings.ROOT_URLCONF = __name__
    clear_url_caches()
    yield
    clear_url_caches()


def test_the_routes_under_the_prefix_are_named(urlconf, settings):
    settings.BACKEND_PREFIX = "/backend"
    assert hidden_routes("/backend") == [("/backend/old/", "old"), ("/backend/", "archive")]
    assert hidden_routes("/api") == [("/api/", "shop:index"), ("/api/", "shop:item")]
    assert hidden_routes("/report.csv") == [("/report.csv", "report")]
    assert hidden_routes("/elsewhere") == []


def test_check_reports_each_hidden_route_and_stops_the_command(urlconf, settings):
    settings.BACKEND_PREFIX = "/api"
    errors = routes_under_backend_prefix(None)
    assert [e.id for e in errors] == ["site.E002", "site.E002"]
    assert "'shop:index'" in errors[0].msg and "BACKEND_PREFIX /api" in errors[0].msg
    with pytest.raises(SystemCheckError, match="site.E002"):
        call_command("check")


def test_the_sites_own_urlconf_has_nothing_under_the_prefix(settings):
    assert routes_under_backend_prefix(None) == []
