"""The shipped WSGI application plus the test-only app, for tests that start real servers.

``deploy/uwsgi.ini`` serves ``combined.wsgi:application``. The core's end-to-end
suites (``tests/scale/``, ``tests/browser/``) run in every project, with or without
the sample app, so they need pages of their own: they serve this module instead
(``uwsgi --ini deploy/uwsgi.ini --module tests.testapp.wsgi:application``). It is
the same application, built by the same ``combined.wsgi``, with Django on
``tests.settings`` (the site's settings plus ``tests.testapp``), the test-only
Django page in the URLconf (``tests.testapp.urls``: the site's URLs and error
pages too) and the test-only Flask views on every backend the app builds.
Everything else -- the ini, nginx's site, the settings from the environment -- is
what ships. Management commands for such a server (``migrate``) need
``DJANGO_SETTINGS_MODULE=tests.settings`` as well, so the test app's table exists.

Never deploy it.
"""

import os

# Set, not defaulted: the test app is this module's reason to exist. A server of
# tests/servers.py keeps its fast password hasher around it (tests/fast_hashing.py).
if os.environ.get("DJANGO_SETTINGS_MODULE") == "tests.fast_hashing":
    os.environ["HASHING_FAST_FOR"] = "tests.settings"
else:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"

# Imports from here on need that setting, and the test views need Django set up.
import django  # noqa: E402
from django.conf import settings  # noqa: E402

import flask_backend  # noqa: E402

django.setup()
settings.ROOT_URLCONF = "tests.testapp.urls"

from tests.testapp.flask_views import with_probes  # noqa: E402

flask_backend.create_app = with_probes(flask_backend.create_app)

from combined.wsgi import application  # noqa: E402,F401  (built on import, with the probes)
