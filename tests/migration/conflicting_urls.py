"""A URLconf with two mistakes ``combined routes`` must flag.

* ``probe/moved/<int:item_id>/`` is the path of the test-only moved page (Flask,
  ``tests.migration.moved``), under another converter name: both apps claim it.
* ``backend/legacy/`` lies under ``BACKEND_PREFIX``: Django never gets it.
"""

from django.http import HttpResponse
from django.urls import path

from django_site.urls import handler404
from django_site.urls import urlpatterns as site


def clash(request, **kwargs):
    return HttpResponse("django")


urlpatterns = [
    path("probe/moved/<int:item_id>/", clash, name="item-edit"),
    path("backend/legacy/", clash, name="legacy"),
    *site,
]

__all__ = ["handler404", "urlpatterns"]
