"""Route takeover: paths of pages moved to Flask go to Flask, at the root.

The "strangler" step of an incremental migration. :class:`TakeoverRouter` sits
where Django would: it owns one werkzeug ``Map`` holding only the rules of the
moved-page blueprints (``flask_backend.migrated``, one per Django app), built
once. Per request it does one match against that map; a hit goes to the
migrated-pages Flask app with ``SCRIPT_NAME`` and ``PATH_INFO`` untouched, a miss
goes straight to Django. A
path that matches with the wrong method or without its trailing slash also goes
to Flask, which answers 405 or a 308 to the slashed path: a migrated path belongs
to Flask whole, so Django never sees half of a moved page.

Unmatched paths cost Django at most one map match and nothing else: a path that
does not even start with the literal head of a migrated rule (``/items`` for
``/items/<int:pk>/``) is known to miss without running the matcher. If your front server
(nginx) can route the moved paths itself, that is cheaper still; keep the rules
here anyway, so ``combined routes`` can check them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from werkzeug.exceptions import HTTPException, NotFound
from werkzeug.routing import Map, Rule
from werkzeug.wsgi import get_path_info

from flask_backend.migrated import moved_blueprints

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from flask import Flask


def migrated_rules(app: Flask) -> list[Rule]:
    """The rules of ``app``'s moved-page blueprints: the paths taken over from Django."""
    prefixes = tuple(name + "." for name in moved_blueprints(app))
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint.startswith(prefixes)]


def takeover_map(app: Flask, rules: list[Rule] | None = None) -> Map:
    """A ``Map`` with only the moved-page rules (or ``rules``), matching exactly as ``app`` does."""
    source = app.url_map
    return Map(
        [rule.empty() for rule in (migrated_rules(app) if rules is None else rules)],
        strict_slashes=source.strict_slashes,
        merge_slashes=source.merge_slashes,
        converters=source.converters,
    )


class TakeoverRouter:
    """WSGI app: migrated paths to ``flask_app``, everything else to ``django_app``."""

    def __init__(
        self,
        django_app: WSGIApplication,
        flask_app: Flask,
        rules: list[Rule] | None = None,
    ) -> None:
        self.django_app = django_app
        self.flask_app = flask_app
        self.url_map = takeover_map(flask_app, rules)
        # Bound once: match() only reads the adapter, so threads can share it.
        # The server name is only used to build redirect URLs, which are ignored here.
        self._adapter = self.url_map.bind("takeover.invalid")
        # Literal heads of the rules, without a trailing slash so that the slash
        # redirect still reaches the matcher. "" (a rule starting with a converter)
        # sends every path to the matcher.
        self._heads = tuple(
            rule.rule.split("<", 1)[0].rstrip("/") for rule in self.url_map.iter_rules()
        )
        # The same heads as PATH_INFO carries them (WSGI: UTF-8 bytes read as latin-1), so
        # most requests are told apart before werkzeug decodes their path.
        self._wsgi_heads = tuple(h.encode().decode("latin-1") for h in self._heads)

    def claims(self, path: str, method: str = "GET") -> bool:
        """True if Flask serves ``path``: a match, a wrong method or a slash redirect."""
        if "//" not in path and not path.startswith(self._heads):
            return False  # cannot match: skip the matcher (merged slashes always try it)
        try:
            self._adapter.match(path, method)
        except NotFound:
            return False
        except HTTPException:  # MethodNotAllowed, RequestRedirect: Flask answers those
            return True
        return True

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        raw = environ.get("PATH_INFO", "")
        if "//" not in raw and not raw.startswith(self._wsgi_heads):
            return self.django_app(environ, start_response)  # claims() would say no
        if self.claims(get_path_info(environ) or "/", environ.get("REQUEST_METHOD", "GET")):
            return self.flask_app(environ, start_response)
        return self.django_app(environ, start_response)
