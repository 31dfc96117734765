"""The site itself as a Django app: it registers the site's system checks.

Listed in ``INSTALLED_APPS`` so ``manage.py check`` reports what
``django_site.checks`` finds. It has no models.
"""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "django_site"
    verbose_name = "Site"

    def ready(self) -> None:
        from django_site import checks  # noqa: F401 -- registers the checks (Django's idiom)
