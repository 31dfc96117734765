"""Bench-only WSGI entry points: the ceiling, Django's static view, and the like.

They exist so every benchmark target is a ``module:application`` uWSGI can load
from ``deploy/uwsgi.ini``. Never deploy them: they are shaped for measuring.
"""
