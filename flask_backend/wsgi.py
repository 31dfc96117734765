"""WSGI entry point for the Flask backend alone: ``flask_backend.wsgi:application``.

Serves the backend at the root, without Django's pages (it still uses Django's ORM
and settings through ``combined.bridge``). Use it to deploy the backend
on its own or to measure it against the combined app.
"""

from flask_backend import create_app

application = create_app()
