"""Django's ``db`` session engine with the key check of ``django_site.session_stores``."""

from django.contrib.sessions.backends import db

from django_site.session_stores import KeyCheck


class SessionStore(KeyCheck, db.SessionStore):
    pass
