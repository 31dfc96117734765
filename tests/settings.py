"""Django settings for the test run: the site's, plus the test-only app.

pytest (``DJANGO_SETTINGS_MODULE`` in pyproject.toml) uses this module, so the
core's tests have a model of their own (``tests.testapp``) in every project,
whatever features it was made with, and passwords hashed with a fast hasher (as
Django's testing docs advise: the default PBKDF2 spends about a third of a CPU-second on
every login and every user created, which was the bulk of the throttling tests' time).
Every other value is the site's. Servers the tests start run the site's own settings,
with its real hasher.
"""

from django_site.settings import *  # noqa: F403
from django_site.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.testapp"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
