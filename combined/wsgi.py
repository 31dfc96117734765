"""WSGI entry point for the combined site: ``combined.wsgi:application``.

Serve this with uWSGI (``deploy/uwsgi.ini``) or any WSGI server, with
``DJANGO_SETTINGS_MODULE`` naming the site's settings, as for Django's own
``wsgi.py`` (``combined.process_env`` finds it where uWSGI's ``env`` option puts it).
Importing it builds the application and nothing else; a bad setting stops the import
with one line naming it.
"""

from combined.app import create_app
from combined.conf import SettingsError
from combined.process_env import SETTINGS_VARIABLE, settings_module

if settings_module() is None:
    raise SettingsError(
        SETTINGS_VARIABLE,
        "not set; name the site's settings module, as its manage.py does "
        "(e.g. DJANGO_SETTINGS_MODULE=mysite.settings)",
    )

application = create_app()
