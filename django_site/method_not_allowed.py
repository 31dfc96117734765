"""A 405 from a Django view is the site's 405 page, with the ``Allow`` header kept.

Django's views refuse a method they do not handle with ``HttpResponseNotAllowed``
(class-based views by ``http_method_not_allowed``, function views by
``require_http_methods``/``require_safe``), whose body is empty. The Flask half answers
the same refusal with the site's error page; this middleware gives Django's the same
page, so a ``DELETE /`` looks alike on both halves. An answer with a body of its own
(a view that built its 405 on purpose) is left as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from combined.layout.django_pages import error_page


class MethodNotAllowedPage:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.streaming or response.content:
            return response
        page = error_page(request, 405)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
