"""Error answers for the backend: JSON under ``/api/``, the shared error page elsewhere.

Every HTTP error becomes a readable answer with the right status, and so do
Django's ``SuspiciousOperation`` (400) and redirects to over-long addresses (414,
``combined.redirects``). Django's own HTTP exceptions, raised by code moved from a Django
view (``get_object_or_404``, ``raise PermissionDenied``), answer as Django answers
them: ``Http404`` 404, ``PermissionDenied`` 403, ``BadRequest`` 400. Unexpected
exceptions are logged and answered with a plain 500 page or JSON -- never a
traceback (with DEBUG on, the werkzeug debugger of ``combined run`` shows it).
"""

from __future__ import annotations

from django.core.exceptions import BadRequest as DjangoBadRequest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.core.signals import got_request_exception as django_request_exception
from django.http import Http404
from flask import Flask, Response, current_app, jsonify, make_response, render_template, request
from flask.signals import got_request_exception
from werkzeug.exceptions import BadRequest, HTTPException, InternalServerError

from combined.bridge.request import django_request, inside_django
from combined.layout import ERROR_TITLES, error_context, render_error
from combined.outage import DATABASE_ERRORS, is_outage
from combined.redirects import TOO_LONG, location_too_long, refused_for_length


def wants_json() -> bool:
    """API URLs answer JSON, pages answer HTML.

    The API is under ``API_MOUNT`` (``/api``). When it sits at the backend's root
    (``BACKEND_PREFIX`` ending in ``/api``), every answer is JSON except those of the
    views of ``PAGE_BLUEPRINTS``: unknown URLs under the prefix get JSON too.
    """
    if current_app.config.get("ONLY_PAGES"):
        return False  # an app of pages alone (at the site's root, beside Django's pages)
    mount = current_app.config.get("API_MOUNT", "/api")
    if mount:
        return request.path == mount or request.path.startswith(mount + "/")
    return request.blueprint not in current_app.config.get("PAGE_BLUEPRINTS", ())


def error_response(status: int, message: str, **extra: object) -> Response:
    if wants_json():
        body = {"error": error_context(status)["title"], "message": message, **extra}
        response = jsonify(body)
    else:
        response = make_response(_error_page(status, message))
    response.status_code = status
    return response


def _error_page(status: int, message: str) -> str:
    try:
        return render_template("layout/error.html", **error_context(status, message))
    except Exception:
        # A broken context processor must not turn an error into no answer at all:
        # the same page, rendered without Flask (as the host check renders it).
        current_app.logger.exception("error page for %s failed to render", status)
        return render_error(status, message, backend_url=request.script_root + "/")


def _http_error(exc: HTTPException) -> Response:
    original = getattr(exc, "original_exception", None)
    if is_outage(original):
        # Raised outside a view (saving the session after it): still an outage, not a bug.
        return _database_unavailable(original)
    response = error_response(exc.code or 500, exc.description or "")
    for name, value in exc.get_headers():
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _database_unavailable(exc: Exception) -> Response:
    # The database is down or restarting: 503 and "try again", not a 500. The broken
    # connection is dropped at teardown (combined.bridge), so the next request reconnects.
    current_app.logger.warning("store unavailable on %s %s: %r", request.method, request.path, exc)
    response = error_response(503, "The database or cache is unavailable. Try again shortly.")
    response.headers["Retry-After"] = "5"
    return response


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    if is_outage(exc):  # Redis's errors: see combined.outage.is_outage
        return _database_unavailable(exc)
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    # Flask sends this only for exceptions no handler takes; this one answers 500 anyway.
    got_request_exception.send(current_app._get_current_object(), exception=exc)
    if inside_django():
        # As Django's handler does for its views: Django's test client re-raises it in
        # the test, and error reporters listening to Django (Sentry) see it.
        django_request_exception.send(sender=None, request=django_request())
    return error_response(500, InternalServerError.description)


def _suspicious(exc: SuspiciousOperation) -> Response:
    # What Django answers with 400 (a foreign Host, a refused redirect...), not a 500.
    if refused_for_length(exc):
        return error_response(414, TOO_LONG)
    current_app.logger.warning("refused %s %s: %s", request.method, request.path, exc)
    return error_response(400, BadRequest.description)


# Django's exceptions with a status of their own (django.core.handlers.exception).
_DJANGO_STATUS: dict[type[Exception], int] = {
    Http404: 404,
    PermissionDenied: 403,
    DjangoBadRequest: 400,
}


def _django_status(exc: Exception) -> Response:
    status = next(code for kind, code in _DJANGO_STATUS.items() if isinstance(exc, kind))
    # Django shows the exception's text only with DEBUG on; the answer says what it means.
    return error_response(status, ERROR_TITLES[status][1])


def _limit_redirects(response: Response) -> Response:
    """No redirect longer than the site sends (``combined.redirects``): 414 instead."""
    if location_too_long(response.status_code, response.headers.get("Location")):
        return error_response(414, TOO_LONG)
    return response


def _to_django(exc: HTTPException) -> Response:
    """For an app Django's handler calls: the errors Django has pages for go to Django."""
    django_exception = _FOR_DJANGO.get(exc.code or 500)
    if django_exception is not None:
        raise django_exception(exc.description or "") from exc
    return _http_error(exc)


# Flask's errors whose Django counterpart the site's own handlers answer (handler404...).
_FOR_DJANGO: dict[int, type[Exception]] = {
    404: Http404,
    403: PermissionDenied,
    400: DjangoBadRequest,
}


def init_app(app: Flask, *, inside_django: bool = False) -> None:
    """Error answers for ``app``. ``inside_django``: the app only answers through
    Django's handler (``combined.inprocess``), so what Django has an answer for -- its 404, 403
    and 400 pages, a failing view's 500 and the site's own error handling -- stays
    Django's, as it was before the page moved: only Flask's other HTTP errors (405)
    are answered here."""
    if inside_django:
        app.config["PROPAGATE_EXCEPTIONS"] = True
        app.register_error_handler(HTTPException, _to_django)
        app.after_request(_limit_redirects)
        return
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(SuspiciousOperation, _suspicious)
    for kind in _DJANGO_STATUS:
        app.register_error_handler(kind, _django_status)
    app.after_request(_limit_redirects)  # runs before the hooks registered earlier
    for error in DATABASE_ERRORS:
        app.register_error_handler(error, _database_unavailable)
    # With DEBUG on, let the debugger show the traceback: of a Redis outage too, which
    # _unexpected answers with the 503 otherwise (combined.outage.is_outage).
    if not app.debug:
        app.register_error_handler(Exception, _unexpected)
