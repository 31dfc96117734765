"""WSGI entry point for the combined site: ``combined.wsgi:application``.

Serve this with uWSGI (``deploy/uwsgi.ini``) or any WSGI server. Importing it
builds the application and nothing else; a bad setting stops the import with one
line naming the variable.
"""

from combined.app import create_app

application = create_app()
