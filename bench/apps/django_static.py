"""Django serving static files itself, the way ``runserver`` does.

``StaticFilesHandler`` (what ``runserver`` wraps the site in) finds each file
with the staticfiles finders and serves it with Django's static view. It is the
baseline the uWSGI ``static-map`` of ``deploy/uwsgi.ini`` is measured against.
Never deploy it: Django itself says this way is "grossly inefficient".
"""

from django.contrib.staticfiles.handlers import StaticFilesHandler

from django_site.wsgi import application as django_app

application = StaticFilesHandler(django_app)
