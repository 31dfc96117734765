"""Django settings for the test run: the site's, plus the test-only app.

pytest (``DJANGO_SETTINGS_MODULE`` in pyproject.toml) uses this module, so the
core's tests have a model of their own (``tests.testapp``) in every project,
whatever features it was made with. Every other value is the site's.
"""

from django_site.settings import *  # noqa: F403
from django_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]
