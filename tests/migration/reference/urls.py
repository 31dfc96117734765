"""The site's URLconf with the Django original of each moved page routed again."""

from django.urls import path

from django_site.urls import handler400, handler403, handler404, handler500
from django_site.urls import urlpatterns as site
from tests.migration.reference import django_note_detail

urlpatterns = [path("notes/<int:pk>/", django_note_detail.note_detail), *site]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
