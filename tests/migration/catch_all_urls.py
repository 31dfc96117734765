"""A URLconf ending in a catch-all, as Wagtail's page route is (``^((?:[\\w\\-]+/)*)$``).

The moved page's handover comes first, so Django's resolver sends its path to Flask:
the catch-all matches that path too but never gets it, and is no conflict.
"""

from django.http import HttpResponse
from django.urls import re_path

from tests.migration.urls import handler404
from tests.migration.urls import urlpatterns as site


def serve_page(request, path):
    return HttpResponse("a page of the CMS")


urlpatterns = [*site, re_path(r"^((?:[\w\-]+/)*)$", serve_page, name="cms_serve")]

__all__ = ["handler404", "urlpatterns"]
