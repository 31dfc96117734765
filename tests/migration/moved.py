"""A test-only moved page, so moving pages is tested in every project that can.

``/probe/moved/<int:pk>/`` shows a test-only ``Item`` (``tests.testapp``) in the
site's layout, from a moved-page blueprint ``probes`` (endpoint ``probes.moved``),
as a page moved from a Django app would be. :func:`moved_blueprints` makes each app
of moved pages built meanwhile have it (or any blueprint); ``tests.migration.urls``
is the site's URLconf plus the page's Django handover route ``probe-moved``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Blueprint, Flask, abort, render_template_string

from combined.bridge.moved import register

MOVED = "/probe/moved/<int:pk>/"
PAGE = """{% extends "site_base.html" %}
{% block content %}<h1>{{ item.title }}</h1>{% endblock %}"""


def moved_item(pk: int) -> str:
    from tests.testapp.models import Item  # needs Django set up: the factory does it

    item = Item.objects.filter(pk=pk).first()
    if item is None:
        abort(404)
    return render_template_string(PAGE, item=item)


# The test-only moved page's blueprint (endpoint probes.moved).
probes = Blueprint("probes", __name__)
probes.add_url_rule(MOVED, "moved", moved_item)


def add_moved_page(app: Flask) -> Flask:
    """Give a migrated-pages app the test-only moved page (before its first request)."""
    register(app, probes)
    return app


@contextlib.contextmanager
def moved_blueprints(monkeypatch: pytest.MonkeyPatch, *blueprints: Blueprint) -> Iterator[None]:
    """Every app of moved pages built meanwhile registers ``blueprints`` as moved pages;
    the process's own (``combined.halves``) is built again, with them, and after."""
    from combined import halves
    from combined.bridge import moved

    build = moved.create_app

    def create(*args: Any, **kwargs: Any) -> Flask:
        app = build(*args, **kwargs)
        for blueprint in blueprints:
            register(app, blueprint)
        return app

    monkeypatch.setattr(moved, "create_app", create)
    halves.forget()
    try:
        yield
    finally:
        halves.forget()
