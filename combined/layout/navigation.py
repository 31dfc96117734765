"""The site's one menu, shown by every page of both halves.

``MENU`` is the list to edit: each entry is a label and where it goes -- a Django
URL name (``url_name``), a path under ``BACKEND_PREFIX`` (``backend_path``) or a
fixed path at the site root (``path``). ``links`` turns it into what
``layout/base.html`` renders: plain dicts with ``label``, ``url`` and ``current``
(the entry for the page being shown, marked ``aria-current="page"``).

Each half resolves Django URL names its own way (Django pages with
``django.urls.reverse``; Flask pages through ``combined.bridge``), so
this module needs neither framework. Pages rendered before either framework (the
400 page for an unknown Host) get the entries that need no Django URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str | None = None
    backend_path: str | None = None
    path: str | None = None


MENU: tuple[MenuItem, ...] = (
    MenuItem("Home", path="/"),
    MenuItem("Backend", backend_path="/"),
    # example:begin
    MenuItem("Notes", url_name="notes:list"),
    # example:end
    MenuItem("Admin", url_name="admin:index"),
)


def links(
    current_path: str,
    backend_root: str,
    reverse: Callable[[str], str | None] | None = None,
    menu: tuple[MenuItem, ...] = MENU,
) -> list[dict[str, object]]:
    """The menu with URLs for one page.

    ``backend_root`` is where the backend answering for this page is mounted
    (``BACKEND_PREFIX``, or a feature's own mount); ``reverse`` resolves Django URL names
    (None: those entries are left out; so is a name it gives None for, one the site
    does not have). The entry whose URL is the longest prefix of
    ``current_path`` is the current one; the home page only when it is the page.
    """
    entries = []
    for item in menu:
        if item.url_name is not None:
            if reverse is None:
                continue
            url = reverse(item.url_name)
            if url is None:
                continue
        elif item.backend_path is not None:
            url = backend_root.rstrip("/") + item.backend_path
        else:
            url = item.path or "/"
        entries.append({"label": item.label, "url": url, "current": False})
    matches = [e for e in entries if _contains(str(e["url"]), current_path)]
    if matches:
        max(matches, key=lambda e: len(str(e["url"])))["current"] = True
    return entries


def _contains(url: str, path: str) -> bool:
    if url == "/":
        return path == "/"
    return path == url or path.startswith(url if url.endswith("/") else url + "/")
