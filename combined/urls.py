"""The URL patterns the layer adds to a site's URLconf: ``BACKEND_PREFIX``.

In production the combined app (``combined.app``) sends every path under
``BACKEND_PREFIX`` to the Flask backend before Django sees it. Django's test clients,
``LiveServerTestCase``, django-webtest and a plain ``WSGIHandler`` call Django's
handler directly; for them, this pattern sends the same paths to the same backend,
in-process (``combined.inprocess``), so a test of a backend page passes with the
site's own test client and command. Include it last in the site's root URLconf::

    urlpatterns += [path("", include("combined.urls"))]

The pattern reads ``BACKEND_PREFIX`` on each match, so a test that changes it
(``@override_settings``) moves the mount for Django's test client too.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from django.urls.resolvers import RegexPattern
from django.views.decorators.csrf import csrf_exempt

from combined import conf, halves, inprocess


@csrf_exempt  # the backend checks CSRF itself, on the same token (combined.bridge.csrf)
def backend(request: HttpRequest) -> HttpResponse:
    """The backend's answer, mounted at ``BACKEND_PREFIX`` as the combined app mounts it."""
    prefix = conf.backend_prefix()
    path = request.META.get("PATH_INFO", "")
    script_name = request.META.get("SCRIPT_NAME", "").rstrip("/") + prefix
    return inprocess.serve(halves.backend(), request, script_name, path[len(prefix) :])


backend.combined_mount = True  # type: ignore[attr-defined]  # combined.urlwalk.is_layer_route


class BackendPrefix(RegexPattern):
    """Matches ``BACKEND_PREFIX`` and the paths below it, as the setting is now (a test's
    ``@override_settings`` included). Nothing reverses it: it has no name."""

    def __init__(self) -> None:
        super().__init__(r"^(?!)", is_endpoint=True)  # Django's checks read a regex

    def match(self, path: str) -> tuple[str, tuple[()], dict[str, object]] | None:
        prefix = conf.backend_prefix()[1:]
        if path == prefix or path.startswith(prefix + "/"):
            return "", (), {}
        return None

    def __str__(self) -> str:
        return "<BACKEND_PREFIX>"


urlpatterns = [URLPattern(BackendPrefix(), backend)]
