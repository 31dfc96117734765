"""App config of the test-only app (installed by ``tests/settings.py`` only)."""

from django.apps import AppConfig


class TestAppConfig(AppConfig):
    name = "tests.testapp"
    label = "testapp"
    verbose_name = "Test-only items"
    default_auto_field = "django.db.models.BigAutoField"
