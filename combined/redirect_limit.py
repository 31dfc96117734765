"""Redirects with an over-long ``Location`` become the site's 414 page (``combined.redirects``).

Listed first in ``MIDDLEWARE``, so it sees every redirect Django's own
middleware makes (``APPEND_SLASH``, the HTTPS redirect, login redirects) as well
as the views'; being outside ``SecurityMiddleware``, it adds the site's security
headers to its page itself (``combined.security_headers``). Django refuses targets
over 16,384 characters itself; the 400 handler turns that refusal into the same
414 (``django_site.views.bad_request``).
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from combined.layout.django_pages import error_page
from combined.redirects import location_too_long
from combined.security_headers import headers_for


class RedirectLimitMiddleware:
    """A 3xx whose ``Location`` is longer than the site sends gets the 414 page instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not location_too_long(response.status_code, response.get("Location")):
            return response
        page = error_page(request, 414)
        for name, value in headers_for(request.META):
            page[name] = value
        return page
