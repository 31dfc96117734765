"""URLs of the notes pages."""

from django.urls import path

from django_site.notes import views

app_name = "notes"
urlpatterns = [
    path("", views.note_list, name="list"),
    path("<int:pk>/", views.note_detail, name="detail"),
]
