"""Django's ``cache`` session engine with the key check of ``django_site.session_stores``."""

from django.contrib.sessions.backends import cache

from django_site.session_stores import KeyCheck


class SessionStore(KeyCheck, cache.SessionStore):
    pass
