"""WSGI entry point for the Django half alone: ``django_site.wsgi:application``.

Use it to deploy or measure the Django site without the Flask backend. The
combined app (``combined.wsgi``) reuses this same object.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "django_site.settings")

application = get_wsgi_application()
