"""The site itself as a Django app, so that its system checks are registered."""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "django_site"
    label = "site"
    verbose_name = "Site"

    def ready(self) -> None:
        from django_site import checks  # noqa: F401 (registers the checks; needs apps ready)
