"""One request body limit for both halves, applied before dispatch.

A body larger than ``MAX_BODY_BYTES`` gets 413 with the site's page (JSON under the
backend's API, or when the body is JSON), whichever half the path belongs to, and
neither framework runs. The refusal goes by the request's ``Content-Length``, so the
body is not read here; uWSGI's ``limit-post`` and nginx's ``client_max_body_size``
are backstops set above this limit (twice it, docs/deploy.md), so that a body a
little over the limit reaches this layer and gets a page instead of a closed
connection.

A body sent with ``Transfer-Encoding: chunked`` has no length. nginx reads such a body
whole and passes its length on (with the client's ``Transfer-Encoding``, which makes
werkzeug read nothing: it is dropped here). A WSGI server that marks its input as
terminated (``wsgi.input_terminated``: werkzeug's, gunicorn) is read here to its end,
up to the limit, and the halves get an ordinary body with a ``Content-Length``; over
the limit it is a 413 as above. A server that does neither cannot hand the body over:
uWSGI's HTTP router. Its ``http-chunked-input`` passes the chunks on raw, to be read
with ``uwsgi.chunked_read``; tried here, about one fresh connection in five was reset
before its answer reached the client. So such a request gets 411 (Length Required)
with the site's page, instead of a body that silently arrives empty.

Not a rate or size limit for responses; nor a guard against slow bodies (nginx is).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from core.layout import ERROR_TITLES, render_error

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

    from core.security_headers import SecurityHeaders

logger = logging.getLogger(__name__)
TOO_LARGE = "413 Request Entity Too Large"
LENGTH_REQUIRED = "411 Length Required"


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
        self._411 = render_error(
            411,
            "Send the request body with a Content-Length: this server cannot read a chunked one.",
            backend_url=backend_url,
            site_name=site_name,
        ).encode()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        length = declared_length(environ)
        if length is None and is_chunked(environ):
            if not environ.get("wsgi.input_terminated"):
                return self._page_answer(environ, start_response, LENGTH_REQUIRED, self._411)
            # Past the limit the rest is read and dropped, up to the limit again (the
            # servers' backstop): a body left unread makes the connection close with a
            # reset, which can take the 413 with it.
            body, length = read_to_end(environ["wsgi.input"], keep=self.limit, drop=self.limit)
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

    def _page_answer(
        self, environ: WSGIEnvironment, start_response: StartResponse, status: str, page: bytes
    ) -> Iterable[bytes]:
        start_response(
            status,
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(page))),
                *(self.headers.for_environ(environ) if self.headers else ()),
            ],
        )
        return [page]

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


def read_to_end(stream: Any, keep: int, drop: int) -> tuple[bytes, int]:
    """A terminated stream's first ``keep`` bytes (and one more, if there are more) and
    its size, read to its end or to ``drop`` bytes past ``keep``, the rest dropped."""
    kept: list[bytes] = []
    size = 0
    while size <= keep + drop and (part := stream.read(65536)):
        if size <= keep:
            kept.append(part[: keep - size + 1])
        size += len(part)
    return b"".join(kept), size
