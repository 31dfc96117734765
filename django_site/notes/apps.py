"""App config for the sample notes app."""

from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "django_site.notes"
    label = "notes"
    verbose_name = "Notes"
