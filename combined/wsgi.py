"""WSGI entry point for the combined site: ``combined.wsgi:application``.

Serve this with uWSGI (``deploy/uwsgi.ini``) or any WSGI server, with
``DJANGO_SETTINGS_MODULE`` naming the site's settings, as for Django's own
``wsgi.py``. Importing it builds the application and nothing else; a bad setting
stops the import with one line naming it.
"""

import os

from combined.app import create_app

if not os.environ.get("DJANGO_SETTINGS_MODULE"):
    raise SystemExit(
        "configuration error: DJANGO_SETTINGS_MODULE: not set; name the site's settings "
        "module, as its manage.py does (e.g. DJANGO_SETTINGS_MODULE=mysite.settings)"
    )

application = create_app()
