"""A URLconf with two mistakes ``combined routes`` must flag.

* ``notes/<int:note_id>/`` is the path of the migrated note page (Flask), under
  another converter name: both apps claim it.
* ``backend/legacy/`` lies under ``BACKEND_PREFIX``: Django never gets it.
"""

from django.http import HttpResponse
from django.urls import path

from django_site.urls import handler404
from django_site.urls import urlpatterns as site


def clash(request, **kwargs):
    return HttpResponse("django")


urlpatterns = [
    path("notes/<int:note_id>/", clash, name="note-edit"),
    path("backend/legacy/", clash, name="legacy"),
    *site,
]

__all__ = ["handler404", "urlpatterns"]
