"""URLs of the notes pages."""

from django.urls import path

# takeover:begin
from combined.handover import served_by_flask

# takeover:end
from django_site.notes import views

app_name = "notes"
urlpatterns = [
    path("", views.note_list, name="list"),
    # takeover:begin
    # Moved to Flask (flask_backend/migrated/notes.py); the name stays, so links work.
    path("<int:pk>/", served_by_flask, name="detail"),
    # takeover:else
    # path("<int:pk>/", views.note_detail, name="detail"),
    # takeover:end
]
