"""Django's test client, sent through the whole combined site.

Why: Django's own test client calls Django's handler directly, so a path the Flask
half serves answers 404 there, and a Django test of that page fails (or, worse,
passes because of the 404). :class:`CombinedClient` is ``django.test.Client`` with
one change: its handler runs the combined app's request layers
(``combined.app.layers``: health check, Host check, backend mount, and the layers of
the project's features) with Django's test handler in Django's place. An unchanged
Django view test then passes whichever half serves the page:

* a page Django serves comes back as the very ``HttpResponse`` Django built, with
  ``context``, ``templates`` and ``resolver_match`` as usual;
* a page Flask serves (or an answer of an outer layer, such as the 400 for a foreign
  Host) comes back as a :class:`NotRenderedByDjango` response: status, headers,
  cookies and content as sent, ``assertContains``/``assertRedirects``/``follow=True``
  work, and ``context``/``templates`` raise :class:`MovedPageError` naming the page;
* like Django's client it skips CSRF checks (``enforce_csrf_checks=False``) on both
  halves, logs in with ``login``/``force_login`` for both, and re-raises an exception
  of a Flask view in the test, as Django's client does for Django views.

The pytest plugin ``combined.pytest_plugin`` installs it for a whole test run. Not
for production: it exists for tests alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import flask
from django.conf import settings as django_settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.test import Client
from django.test.client import ClientHandler
from werkzeug.test import run_wsgi_app

# tenancy:begin
# takeover:begin
import flask_backend

# takeover:end
# tenancy:else
# import flask_backend
# tenancy:end
from combined.app import layers
from combined.bridge.request import TEST_CLIENT_SKIPS_CSRF

# tenancy:begin
from combined.tenancy import backend_app

# tenancy:end
from core.settings import Settings, get_settings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

_CAPTURE = "combined.test_client.capture"  # per request: what each half did


class MovedPageError(Exception):
    """``response.context`` or ``.templates`` of a page Django did not render."""


class NotRenderedByDjango(HttpResponse):
    """An answer from Flask or an outer layer, as an ``HttpResponse`` for Django's asserts."""

    served_by = "the combined app"
    _sealed = False

    def _moved(self, attribute: str) -> Any:
        if not self._sealed:  # Client.request sets and reads these before the test does
            return self.__dict__.get("_" + attribute)
        request = getattr(self, "request", {})
        page = f"{request.get('REQUEST_METHOD', '')} {request.get('PATH_INFO', '')}".strip()
        raise MovedPageError(
            f"response.{attribute}: {page} is served by {self.served_by}, so Django rendered "
            "no template and there is no context to inspect. Assert what the user gets "
            "instead: status_code, headers, assertContains/assertRedirects, or the database"
            # takeover:begin
            " (docs/migration.md, 'Tests that look at the context')"
            # takeover:end
            "."
        )

    @property
    def context(self) -> Any:
        return self._moved("context")

    @context.setter
    def context(self, value: Any) -> None:
        self.__dict__["_context"] = value

    @property
    def templates(self) -> Any:
        return self._moved("templates")

    @templates.setter
    def templates(self, value: Any) -> None:
        self.__dict__["_templates"] = value

    @property
    def url(self) -> str:
        """The redirect target, as Django's redirect responses have it."""
        return self["Location"]


class CombinedHandler:
    """Calls the combined site for Django's test client; returns an ``HttpResponse``."""

    def __init__(
        self, enforce_csrf_checks: bool, on_exception: Callable[[BaseException], None]
    ) -> None:
        self.enforce_csrf_checks = enforce_csrf_checks
        self.django = ClientHandler(enforce_csrf_checks)
        self.on_exception = on_exception
        self._site: WSGIApplication | None = None

    def site(self) -> WSGIApplication:
        """The combined app's layers around Django's test handler, built on first use."""
        if self._site is None:
            settings = _test_settings(get_settings())
            # tenancy:begin
            backend = backend_app(settings)
            # tenancy:else
            # backend = flask_backend.create_app(settings, script_root=settings.backend_prefix)
            # tenancy:end
            # takeover:begin
            migrated = flask_backend.create_migrated_app(settings)
            self._site = layers(settings, self._django_wsgi, backend, migrated)
            # takeover:else
            # self._site = layers(settings, self._django_wsgi, backend)
            # takeover:end
        return self._site

    def _django_wsgi(self, environ: WSGIEnvironment, start_response: StartResponse) -> list[bytes]:
        response = self.django(environ)
        environ[_CAPTURE]["django"] = response
        cookies = [("Set-Cookie", c.OutputString()) for c in response.cookies.values()]
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, [*response.items(), *cookies])
        return [] if response.streaming else [response.content]

    def __call__(self, environ: WSGIEnvironment) -> HttpResponse:
        capture: dict[str, Any] = {}
        environ[_CAPTURE] = capture
        environ[TEST_CLIENT_SKIPS_CSRF] = not self.enforce_csrf_checks

        def started(sender: flask.Flask, **_extra: object) -> None:
            capture["flask"] = flask.request.endpoint

        def failed(sender: flask.Flask, exception: BaseException, **_extra: object) -> None:
            self.on_exception(exception)

        with (
            flask.request_started.connected_to(started),
            flask.got_request_exception.connected_to(failed),
        ):
            app_iter, status, headers = run_wsgi_app(self.site(), environ)
            django = capture.get("django")
            if django is not None and int(status.split()[0]) == django.status_code:
                _close(app_iter)
                return django  # Django's own response: context, templates, resolver_match
            try:
                body = b"".join(app_iter)
            finally:
                _close(app_iter)
        return _not_rendered_by_django(environ, status, headers, body, capture)


def _close(app_iter: Iterable[bytes]) -> None:
    close = getattr(app_iter, "close", None)
    if close is not None:
        close()


def _not_rendered_by_django(
    environ: WSGIEnvironment,
    status: str,
    headers: Iterable[tuple[str, str]],
    body: bytes,
    capture: dict[str, Any],
) -> NotRenderedByDjango:
    code, _, reason = status.partition(" ")
    response = NotRenderedByDjango(body, status=int(code), reason=reason or None)
    for name, value in headers:
        if name.lower() == "set-cookie":
            response.cookies.load(value)
        elif name in response and name.lower() != "content-type":
            response[name] = f"{response[name]}, {value}"
        else:
            response[name] = value
    if "flask" in capture:
        endpoint = capture["flask"]
        response.served_by = f"Flask (endpoint {endpoint})" if endpoint else "Flask"
    response.wsgi_request = WSGIRequest(environ)
    return response


def _test_settings(settings: Settings) -> Settings:
    """``settings`` with the hosts Django's test environment allows (``testserver``)."""
    hosts = [*settings.allowed_hosts, *django_settings.ALLOWED_HOSTS]
    return settings.model_copy(update={"allowed_hosts": list(dict.fromkeys(hosts))})


class CombinedClient(Client):
    """``django.test.Client`` whose requests go through the whole combined site."""

    def __init__(
        self, enforce_csrf_checks: bool = False, raise_request_exception: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(enforce_csrf_checks, raise_request_exception, **kwargs)
        self.handler = CombinedHandler(enforce_csrf_checks, self._store_flask_exception)

    def _store_flask_exception(self, exception: BaseException) -> None:
        self.exc_info = (type(exception), exception, exception.__traceback__)

    def request(self, **request: Any) -> HttpResponse:
        response = super().request(**request)
        if isinstance(response, NotRenderedByDjango):
            response._sealed = True
        return response
