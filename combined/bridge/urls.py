"""Links from Flask pages to pages Django serves, by their Django URL name.

The shared menu (``combined.layout.navigation``) names Django pages as Django does
(``admin:index``); Flask pages resolve them here, with Django's own ``reverse``, so
a changed Django route changes the link on both halves. When Django goes, the menu
entries become paths and this module goes with the rest of the bridge.
"""

from __future__ import annotations

from django.urls import reverse


def django_url(name: str) -> str:
    """The path of the Django page named ``name`` (``admin:index``)."""
    return reverse(name)
