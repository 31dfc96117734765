"""The combined layer as a Django app: it registers the layer's system checks.

Listed in ``INSTALLED_APPS`` (``"combined"``), so ``manage.py check`` reports what
``combined.template_checks`` (``site.E001``) and ``combined.prefix_check``
(``site.E002``) find, in this project and in any site that adopts the layer. Its
``static/`` folder holds the shared layout's stylesheet (``layout/site.css``), which
Django's app-directories finder serves and collects like any app's. It has no models
and no URLs.
"""

from django.apps import AppConfig


class CombinedConfig(AppConfig):
    name = "combined"
    label = "combined"
    verbose_name = "Django and Flask, combined"

    def ready(self) -> None:
        # Registers the checks (Django's idiom); they import the URLconf and engines.
        from combined import prefix_check, template_checks  # noqa: F401
