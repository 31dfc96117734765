"""Site-wide Django views: the home page and the error pages.

The error handlers render the shared layout (``combined.layout``) so a 404 or 500
from Django looks like one from Flask. They never show a traceback; with DEBUG on
Django shows its own debug pages instead.
"""

from __future__ import annotations

import sys

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from combined.layout.django_pages import error_page
from combined.outage import is_outage, outage_response
from combined.redirects import refused_for_length

# example:begin
from django_site.notes.views import site_notes

# example:end


@require_safe  # GET and HEAD; any other method is a 405 (django_site.method_not_allowed)
def home(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {}
    # example:begin
    context["note_count"] = site_notes().count()
    # example:end
    return render(request, "home.html", context)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # Django reports a body over DATA_UPLOAD_MAX_MEMORY_SIZE as a 400; nginx, uWSGI
    # and Flask call it 413, and so does the site.
    if isinstance(exception, RequestDataTooBig):
        return error_page(request, 413)
    # Django refuses redirects over 16,384 characters; shorter ones over the site's
    # limit are 414 already (combined.redirect_limit): the same answer for both.
    if refused_for_length(exception):
        return error_page(request, 414)
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Called while Django handles the exception: a database outage raised outside a
    # view (e.g. saving the session) is a 503 too (see combined.outage).
    exception = sys.exception()
    if is_outage(exception):
        return outage_response(request, exception)
    return error_page(request, 500)
