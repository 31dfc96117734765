"""URLs of the notes pages.

``detail`` has moved to Flask (``flask_backend.migrated``); its name stays here,
pointing at ``served_by_flask``, so ``{% url 'notes:detail' pk %}`` still links to it.
"""

from django.urls import path

from django_site.handover import served_by_flask
from django_site.notes import views

app_name = "notes"
urlpatterns = [
    path("", views.note_list, name="list"),
    path("<int:pk>/", served_by_flask, name="detail"),
]
