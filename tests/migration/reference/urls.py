"""The site's URLconf with the Django original of each moved page routed again."""

# example:begin
from django.urls import path

from django_site.notes import views as notes

# example:end
from django_site.urls import handler400, handler403, handler404, handler500
from django_site.urls import urlpatterns as site

originals = []
# example:begin
originals.append(path("notes/<int:pk>/", notes.note_detail))
# example:end
urlpatterns = [*originals, *site]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
