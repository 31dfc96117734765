"""Django serving static files itself, the way ``runserver`` does: the baseline of the
static targets, reached at ``/django-static/`` instead of ``/static/``.

``StaticFilesHandler`` (what ``runserver`` wraps the site in) finds each file with
the staticfiles finders and serves it with Django's static view. Why the other
prefix: every bench server runs ``deploy/uwsgi.ini``, whose ``static-map`` answers
``/static/...`` in C before Python runs, so a ``/static/`` URL here would measure
``static-map`` against itself. This app moves ``/django-static/...`` back to
``/static/...`` for Django. Never deploy it: Django calls this way "grossly
inefficient".
"""

from django.contrib.staticfiles.handlers import StaticFilesHandler

from django_site.wsgi import application as django_app

PREFIX = "/django-static/"
_static = StaticFilesHandler(django_app)


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path.startswith(PREFIX):
        environ = {**environ, "PATH_INFO": "/static/" + path[len(PREFIX) :]}
    return _static(environ, start_response)
