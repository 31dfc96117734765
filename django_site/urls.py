"""Django URL configuration.

In production ``BACKEND_PREFIX`` never reaches Django (the combined app sends it to
Flask first); ``combined.urls`` serves it to Django's test clients.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from django_site import views

# The admin says the site's name too, not "Django administration".
admin.site.site_header = f"{settings.SITE_NAME} administration"
admin.site.site_title = settings.SITE_NAME

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("django_site.accounts.urls")),
    # example:begin
    path("notes/", include("django_site.notes.urls")),
    # example:end
    path("admin/", admin.site.urls),
    # Last: BACKEND_PREFIX, for Django's test clients (combined.urls explains).
    path("", include("combined.urls")),
]

handler400 = "django_site.views.bad_request"
handler403 = "django_site.views.permission_denied"
handler404 = "django_site.views.page_not_found"
handler500 = "django_site.views.server_error"
