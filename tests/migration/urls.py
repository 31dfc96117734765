"""Test-only URLconf: the site's and the test app's URLs, plus the handover route of
the test-only moved page (``tests.migration.moved``)."""

from django.urls import path

from combined.handover import served_by_flask
from django_site.urls import handler400, handler403, handler404, handler500
from tests.testapp.urls import urlpatterns as test_urlpatterns

urlpatterns = [
    path("probe/moved/<int:pk>/", served_by_flask, name="probe-moved"),
    *test_urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
