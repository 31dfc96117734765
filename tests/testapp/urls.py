"""Test-only URLconf: the site's URLs and error pages, plus the test-only Django pages."""

from django.urls import path

from django_site.urls import handler400, handler403, handler404, handler500  # noqa: F401
from django_site.urls import urlpatterns as site_urlpatterns
from tests.testapp import views

urlpatterns = [
    path("probe/items/", views.items, name="probe-items"),
    path("probe/greeting/", views.greeting, name="probe-greeting"),
    *site_urlpatterns,
]
