"""A test-only moved page, so the takeover is tested in every project that has it.

``/probe/moved/<int:pk>/`` shows a test-only ``Item`` (``tests.testapp``) in the
site's layout, from a moved-page blueprint ``probes`` (endpoint
``probes.moved``), as a page moved from a Django app would be.
:func:`with_moved_page` wraps the migrated-pages factory so that each app it
builds has the page; ``tests.migration.urls`` is the site's URLconf plus the
page's Django handover route ``probe-moved``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

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


def add_moved_page(app: Flask) -> Flask:
    """Give a migrated-pages app the test-only moved page (before its first request)."""
    bp = Blueprint("probes", __name__)
    bp.add_url_rule(MOVED, "moved", moved_item)
    register(app, bp)
    return app


def with_moved_page(create_migrated_app: Callable[..., Flask]) -> Callable[..., Flask]:
    @functools.wraps(create_migrated_app)
    def create(*args: Any, **kwargs: Any) -> Flask:
        return add_moved_page(create_migrated_app(*args, **kwargs))

    return create
