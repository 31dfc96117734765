"""Test-only Django URLs: the site's, plus views that read and write the session."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from django_site.urls import urlpatterns as site_urlpatterns


def session_set(request: HttpRequest) -> JsonResponse:
    request.session["from_django"] = request.GET["value"]
    return JsonResponse({"ok": True})


def session_get(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"from_flask": request.session.get("from_flask")})


urlpatterns = [
    path("probe/session/set", session_set),
    path("probe/session/get", session_get),
    *site_urlpatterns,
]
