"""A test-only WSGI app that raises, inside ``combined.last_resort`` (see test_uwsgi_router)."""

from combined.last_resort import LastResort


def failing(environ, start_response):
    raise RuntimeError("secret internals")


application = LastResort(failing)
