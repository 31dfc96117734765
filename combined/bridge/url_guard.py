"""A NUL in the address is a 400 on the Flask half, before any view runs (``combined.text``).

Registered right after the Host check, so the answer is the site's error page (JSON
under the API) and no view, session or CSRF hook ever sees such a request.
"""

from __future__ import annotations

from flask import Flask, Response, request

from combined.bridge.errors import error_response
from combined.text import URL_NUL_MESSAGE, url_has_nul


def _refuse_nul() -> Response | None:
    query = request.environ.get("QUERY_STRING", "")
    if url_has_nul(request.environ.get("PATH_INFO", ""), query):
        return error_response(400, URL_NUL_MESSAGE)
    return None


def init_app(app: Flask) -> None:
    app.before_request(_refuse_nul)
