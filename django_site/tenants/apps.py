"""App config for the tenants app."""

from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "django_site.tenants"
    label = "tenants"
    verbose_name = "Tenants"
