"""JSON request bodies on the Flask half: the depth limit, and readable 400s.

``request.get_json()`` parses with ``combined.json_input.loads`` (through the app's
JSON provider), so a body nested too deep is refused before it can raise
``RecursionError``. And when a body cannot be read, the 400 says why ("not valid
JSON: Expecting value...", "nested deeper than 64 levels"), where Flask's own
answer outside debug mode says only that the request was not understood.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest

from combined.json_input import JSONTooDeep, loads


class LimitedJSONProvider(DefaultJSONProvider):
    """Flask's JSON provider, parsing with the site's depth limit."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return loads(s, **kwargs)


class JSONRequest(Request):
    """A request whose unreadable JSON body is a 400 that says what is wrong."""

    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        if isinstance(e, JSONTooDeep):
            raise BadRequest(description=f"the body is not accepted: {e}")
        if e is None:
            raise BadRequest(description="send the body as JSON (Content-Type: application/json)")
        raise BadRequest(description=f"the body is not valid JSON: {e}")


def init_app(app: Flask) -> None:
    app.json = LimitedJSONProvider(app)
    app.request_class = JSONRequest
