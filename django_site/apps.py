"""The site itself as a Django app: it registers the site's system checks.

Listed in ``INSTALLED_APPS`` so ``manage.py check`` reports what
``django_site.template_checks`` and ``django_site.prefix_check`` find, and
``check --deploy`` what ``django_site.deploy_checks`` finds. It has no models.
"""

from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "django_site"
    label = "site"
    verbose_name = "Site"

    def ready(self) -> None:
        # Registers the checks (Django's idiom); they import the URLconf and engines.
        from django_site import deploy_checks, prefix_check, template_checks  # noqa: F401
