"""One request body limit for both halves, applied before dispatch.

A body larger than ``MAX_BODY_BYTES`` gets 413 with the site's page (JSON under the
backend's API, or when the body is JSON), whichever half the path belongs to, and
neither framework runs. The refusal goes by the request's ``Content-Length``, so the
body is not read here; uWSGI's ``limit-post`` and nginx's ``client_max_body_size``
are backstops set above this limit (twice it, docs/deploy.md), so that a body a
little over the limit reaches this layer and gets a page instead of a closed
connection.

A body sent with ``Transfer-Encoding: chunked`` has no length. nginx reads such a
body whole and passes its length on; uWSGI's HTTP router (``http-chunked-input`` in
``deploy/uwsgi.ini``) passes the chunks through, and they are read here with uWSGI's
``chunked_read``, up to the limit. Another WSGI server that marks its input as
terminated (``wsgi.input_terminated``) is read to its end. Either way the halves
then see an ordinary body with a ``Content-Length`` and no ``Transfer-Encoding`` (which
nginx passes on next to the length it adds, and which makes werkzeug read nothing);
one over the limit is a 413 as above. Under a server that does neither, a chunked body is left
as it is (Django then reads it as empty).

Not a rate or size limit for responses; nor a guard against slow bodies (nginx is).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from core.layout import ERROR_TITLES, render_error

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

    from core.security_headers import SecurityHeaders

try:  # only importable inside uWSGI: its way to read a chunked body
    import uwsgi
except ImportError:
    uwsgi = None

logger = logging.getLogger(__name__)
# Seconds to wait for the next chunk of a chunked body (uWSGI's harakiri is 30).
CHUNK_TIMEOUT = 10
TOO_LARGE = "413 Request Entity Too Large"


class BodyLimit:
    """WSGI middleware: 413 for a body over ``limit``; a chunked body gets a length."""

    def __init__(
        self,
        app: WSGIApplication,
        limit: int,
        *,
        api_prefix: str,
        backend_url: str,
        site_name: str,
        headers: SecurityHeaders | None = None,
    ) -> None:
        self.app = app
        self.limit = limit
        self.api_prefix = api_prefix
        self.headers = headers
        message = f"The request body is larger than this site accepts ({limit:,} bytes)."
        self._page = render_error(
            413, message, backend_url=backend_url, site_name=site_name
        ).encode()
        body = {"error": ERROR_TITLES[413][0], "message": message, "limit": limit}
        self._json = json.dumps(body).encode()
        self._bad = render_error(
            400,
            "The chunked request body was malformed or stopped coming.",
            backend_url=backend_url,
            site_name=site_name,
        ).encode()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        length = declared_length(environ)
        if length is None and is_chunked(environ):
            try:
                body = read_chunked(environ, self.limit + 1)
            except OSError:  # a malformed chunk, or none within CHUNK_TIMEOUT
                return self._malformed(environ, start_response)
            if body is not None:
                length = len(body)
                if length <= self.limit:
                    environ["wsgi.input"] = io.BytesIO(body)
                    environ["CONTENT_LENGTH"] = str(length)
        if length is not None and length > self.limit:
            return self._refuse(environ, start_response, length)
        if length is not None and is_chunked(environ):
            # The body now has a length (nginx sends one too, with the client's header):
            # werkzeug ignores a Content-Length next to "chunked" and would read nothing.
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.app(environ, start_response)

    def _refuse(
        self, environ: WSGIEnvironment, start_response: StartResponse, length: int
    ) -> Iterable[bytes]:
        logger.warning(
            "refused a body of %s bytes (limit %s) on %s %s",
            length,
            self.limit,
            environ.get("REQUEST_METHOD", "?"),
            environ.get("PATH_INFO", "?"),
        )
        body, kind = self._page, "text/html; charset=utf-8"
        if self._wants_json(environ):
            body, kind = self._json, "application/json"
        start_response(
            TOO_LARGE,
            [
                ("Content-Type", kind),
                ("Content-Length", str(len(body))),
                *(self.headers.for_environ(environ) if self.headers else ()),
            ],
        )
        return [body]

    def _malformed(
        self, environ: WSGIEnvironment, start_response: StartResponse
    ) -> Iterable[bytes]:
        start_response(
            "400 Bad Request",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(self._bad))),
                *(self.headers.for_environ(environ) if self.headers else ()),
            ],
        )
        return [self._bad]

    def _wants_json(self, environ: WSGIEnvironment) -> bool:
        path = environ.get("PATH_INFO", "")
        kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        under_api = path == self.api_prefix or path.startswith(self.api_prefix + "/")
        return under_api or kind == "application/json"


def declared_length(environ: WSGIEnvironment) -> int | None:
    """The ``Content-Length`` as a number; None without one (or a malformed one, which
    each half refuses in its own way)."""
    raw = environ.get("CONTENT_LENGTH") or ""
    return int(raw) if raw.isdigit() else None


def is_chunked(environ: WSGIEnvironment) -> bool:
    return environ.get("HTTP_TRANSFER_ENCODING", "").strip().lower() == "chunked"


def read_chunked(environ: WSGIEnvironment, most: int) -> bytes | None:
    """Up to ``most`` bytes of a chunked body, or None when this server cannot read one.

    OSError from uWSGI: a malformed chunk, or none within ``CHUNK_TIMEOUT``."""
    parts: list[bytes] = []
    size = 0
    if uwsgi is not None and "uwsgi.version" in environ:
        while size < most and (part := uwsgi.chunked_read(CHUNK_TIMEOUT)):
            parts.append(part)
            size += len(part)
        return b"".join(parts)
    if environ.get("wsgi.input_terminated"):
        stream = environ["wsgi.input"]
        while size < most and (part := stream.read(min(65536, most - size))):
            parts.append(part)
            size += len(part)
        return b"".join(parts)
    return None
