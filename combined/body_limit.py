"""One request body limit for both halves, applied before dispatch.

A body larger than ``MAX_BODY_BYTES`` gets 413 with the site's page (JSON under the
backend's API, or when the body is JSON), whichever half the path belongs to, and
neither framework runs. The refusal goes by the request's ``Content-Length``; the body
is read and dropped only under a server that has not read it already (gunicorn,
Granian), so that closing the connection does not reset it. uWSGI's ``limit-post``
and nginx's ``client_max_body_size`` are backstops set above this limit (twice it,
docs/deploy.md), so that a body a little over the limit reaches this layer and gets a
page instead of a closed connection.

A body sent with ``Transfer-Encoding: chunked`` has no length. nginx reads such a body
whole and passes its length on (with the client's ``Transfer-Encoding``, which makes
werkzeug read nothing: it is dropped here). A WSGI server that marks its input as
terminated (``wsgi.input_terminated``: werkzeug's, gunicorn) is read here to its end,
up to the limit, and the halves get an ordinary body with a ``Content-Length``; over
the limit it is a 413 as above. A server that does neither cannot hand the body over:
uWSGI's HTTP router. Its ``http-chunked-input`` passes the chunks on raw, to be read
with ``uwsgi.chunked_read``; tried here, about one fresh connection in five was reset
before its answer reached the client. So such a request gets 411 (Length Required)
with the site's page, instead of a body that silently arrives empty (the router
passes it on to a client that sent the whole request before it; docs/deploy.md).

Not a rate or size limit for responses; nor a guard against slow bodies (nginx is).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from combined import conf
from combined.layout import ERROR_TITLES, render_error
from combined.security_headers import headers_for

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

logger = logging.getLogger(__name__)
TOO_LARGE = "413 Request Entity Too Large"
LENGTH_REQUIRED = "411 Length Required"


@lru_cache(maxsize=8)
def _answers(limit: int, backend_url: str, site_name: str) -> tuple[bytes, bytes, bytes]:
    """The 413 page, the 413 JSON and the 411 page, rendered once per limit and name."""
    message = f"The request body is larger than this site accepts ({limit:,} bytes)."
    page = render_error(413, message, backend_url=backend_url, site_name=site_name).encode()
    body = {"error": ERROR_TITLES[413][0], "message": message, "limit": limit}
    length_required = render_error(
        411,
        "Send the request body with a Content-Length: this server cannot read a chunked one.",
        backend_url=backend_url,
        site_name=site_name,
    ).encode()
    return page, json.dumps(body).encode(), length_required


class BodyLimit:
    """WSGI middleware: 413 for a body over ``MAX_BODY_BYTES``; a chunked body gets a
    length. The limit and the site's name are Django's settings, read per request.

    ``limited=False`` (a site that set no ``MAX_BODY_BYTES``: an adopted one, until it
    opts in): a body with a ``Content-Length`` passes untouched, whatever its size; only
    a chunked one is handled as above, bounded by the default limit, so that it
    arrives whole or gets an answer (411, 413) instead of arriving empty."""

    def __init__(self, app: WSGIApplication, *, backend_url: str, limited: bool = True) -> None:
        self.app = app
        self.backend_url = backend_url
        self.limited = limited
        prefix = backend_url.rstrip("/")
        self.api_prefix = prefix + conf.api_mount(prefix)

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        chunked = is_chunked(environ)
        if not (self.limited or chunked):
            return self.app(environ, start_response)
        length = declared_length(environ)
        limit = conf.max_body_bytes()
        if length is None and chunked:
            if not environ.get("wsgi.input_terminated"):
                length_required = self._pages(limit)[2]
                return _answer(start_response, environ, LENGTH_REQUIRED, length_required)
            # Past the limit the rest is read and dropped, up to the limit again (the
            # servers' backstop): a body left unread makes the connection close with a
            # reset, which can take the 413 with it.
            body, length = read_to_end(environ["wsgi.input"], keep=limit, drop=limit)
            if length <= limit:
                environ["wsgi.input"] = io.BytesIO(body)
                environ["CONTENT_LENGTH"] = str(length)
        if length is not None and length > limit:
            if length <= 2 * limit and "uwsgi.version" not in environ:
                # gunicorn and Granian read no body before the app, and gunicorn closes
                # the connection after the answer: with the body unread the close is a
                # reset, and nginx in front answered 502 instead of this 413. uWSGI has
                # read it already (post-buffering); a body over the servers' backstop
                # (twice the limit) stays unread.
                drain(environ["wsgi.input"], length)
            page, as_json, _ = self._pages(limit)
            answer = as_json if self._wants_json(environ) else page
            return self._refuse(environ, start_response, length, limit, answer)
        if length is not None and chunked:
            # The body now has a length (nginx sends one too, with the client's header):
            # werkzeug ignores a Content-Length next to "chunked" and would read nothing.
            del environ["HTTP_TRANSFER_ENCODING"]
        return self.app(environ, start_response)

    def _refuse(
        self,
        environ: WSGIEnvironment,
        start_response: StartResponse,
        length: int,
        limit: int,
        body: bytes,
    ) -> Iterable[bytes]:
        logger.warning(
            "refused a body of %s bytes (limit %s) on %s %s",
            length,
            limit,
            environ.get("REQUEST_METHOD", "?"),
            environ.get("PATH_INFO", "?"),
        )
        kind = "application/json" if body.startswith(b"{") else "text/html; charset=utf-8"
        return _answer(start_response, environ, TOO_LARGE, body, kind)

    def _pages(self, limit: int) -> tuple[bytes, bytes, bytes]:
        # Only for a refused body: most requests never need them.
        return _answers(limit, self.backend_url, conf.site_name())

    def _wants_json(self, environ: WSGIEnvironment) -> bool:
        path = environ.get("PATH_INFO", "")
        kind = environ.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        under_api = path == self.api_prefix or path.startswith(self.api_prefix + "/")
        return under_api or kind == "application/json"


def _answer(
    start_response: StartResponse,
    environ: WSGIEnvironment,
    status: str,
    body: bytes,
    kind: str = "text/html; charset=utf-8",
) -> Iterable[bytes]:
    headers = [("Content-Type", kind), ("Content-Length", str(len(body))), *headers_for(environ)]
    start_response(status, headers)
    return [body]


def declared_length(environ: WSGIEnvironment) -> int | None:
    """The ``Content-Length`` as a number; None without one (or a malformed one, which
    each half refuses in its own way)."""
    raw = environ.get("CONTENT_LENGTH") or ""
    return int(raw) if raw.isdigit() else None


def is_chunked(environ: WSGIEnvironment) -> bool:
    return environ.get("HTTP_TRANSFER_ENCODING", "").strip().lower() == "chunked"


def drain(stream: Any, length: int) -> None:
    """Read and drop a body of ``length`` bytes, never past it: under werkzeug's
    development server (``combined run``) the input is the socket itself, and a read
    past the body waited for bytes the client never sends, so the 413 never came."""
    while length > 0 and (part := stream.read(min(65536, length))):
        length -= len(part)


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
