"""A test-only URLconf with a view that fails, to see Django's 500 page."""

from django.urls import path

from django_site.urls import urlpatterns as site_patterns


def boom(request):
    raise RuntimeError("secret internals")


urlpatterns = [path("boom/", boom), *site_patterns]
handler500 = "django_site.views.server_error"
