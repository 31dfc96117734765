"""A NUL in the address is a 400 on the Django half, before any view runs (``combined.text``).

Listed early in ``MIDDLEWARE`` (inside the security-header middlewares, so the page
carries them) and before sessions and auth, which need nothing from such a request.
Without it, the admin's changelist filters and search, its autocomplete, and any
view that looks up a slug from the path answer a NUL with a 500 on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from combined.layout.django_pages import error_page
from combined.text import URL_NUL_MESSAGE, url_has_nul


class NulInUrlMiddleware:
    """400 with the site's error page for a path or query that carries a NUL."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if url_has_nul(request.path_info, request.META.get("QUERY_STRING", "")):
            return error_page(request, 400, URL_NUL_MESSAGE)
        return self.get_response(request)
