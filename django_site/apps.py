"""The site itself as a Django app: it registers the site's deploy checks.

Listed in ``INSTALLED_APPS`` so ``check --deploy`` reports what
``django_site.deploy_checks`` finds (the layer's own checks come with the
``combined`` app). It has no models.
"""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "django_site"
    label = "site"
    verbose_name = "Site"

    def ready(self) -> None:
        # Registers the checks (Django's idiom); they import the URLconf and engines.
        from django_site import deploy_checks  # noqa: F401
