"""Django URL configuration. ``BACKEND_PREFIX`` never reaches Django."""

from django.contrib import admin
from django.urls import include, path

from django_site import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    # example:begin
    path("notes/", include("django_site.notes.urls")),
    # example:end
    path("admin/", admin.site.urls),
]

handler400 = "django_site.views.bad_request"
handler403 = "django_site.views.permission_denied"
handler404 = "django_site.views.page_not_found"
handler500 = "django_site.views.server_error"
