"""Django's ``cached_db`` session engine with the key check of ``django_site.session_stores``."""

from django.contrib.sessions.backends import cached_db

from django_site.session_stores import KeyCheck


class SessionStore(KeyCheck, cached_db.SessionStore):
    pass
