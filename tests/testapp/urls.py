"""Test-only URLconf: the site's URLs plus the test-only Django page."""

from django.urls import path

from django_site.urls import urlpatterns as site_urlpatterns
from tests.testapp import views

urlpatterns = [path("probe/items/", views.items, name="probe-items"), *site_urlpatterns]
handler500 = "django_site.views.server_error"
