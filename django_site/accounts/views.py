"""Django's auth views, with the site's name, the site's address and honest errors.

* ``site_name``: Django's ``LoginView``/``LogoutView`` put the request's Host in the
  context as ``site_name`` (``get_current_site`` is a ``RequestSite`` without the
  sites framework), overriding the layout's; every view here says ``SITE_NAME``.
* Reset links: the email's ``protocol`` and ``domain`` come from ``SITE_URL``. With
  ``ALLOWED_HOSTS=.example.com`` a request with ``Host: evil.example.com`` would
  otherwise mail the user a link to that host, token included.
* A mail server that is down: the form page again with an error, status 503, and
  a log line. The connection is opened before any user is looked up, so the answer
  is the same whether the address has an account or not.
* ``EMAIL_URL=disabled``: the reset pages answer 404; the login page has no link.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.mail import get_connection
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse_lazy

from core.site_url import site_address
from django_site.accounts.forms import SEND_ERRORS, EmailNotSent, SitePasswordResetForm

logger = logging.getLogger(__name__)
SEND_FAILED = (
    "We could not send the email just now: the mail server did not accept it. "
    "Nothing was changed. Please try again in a few minutes."
)


class SiteContextMixin:
    """``site_name`` is ``SITE_NAME``, whatever the view put there; and whether the
    site offers password reset (the login page's link)."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["site_name"] = settings.SITE_NAME
        context["password_reset_enabled"] = settings.EMAIL_ENABLED
        return context


class EmailRequiredMixin:
    """The password reset pages exist only when the site sends email."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.EMAIL_ENABLED:
            raise Http404("password reset needs email, and EMAIL_URL is 'disabled'")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class LoginView(SiteContextMixin, auth_views.LoginView):
    pass


class LogoutView(SiteContextMixin, auth_views.LogoutView):
    pass


class PasswordChangeView(SiteContextMixin, auth_views.PasswordChangeView):
    pass


class PasswordChangeDoneView(SiteContextMixin, auth_views.PasswordChangeDoneView):
    pass


class PasswordResetView(EmailRequiredMixin, SiteContextMixin, auth_views.PasswordResetView):
    form_class = SitePasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    @property
    def extra_email_context(self) -> dict[str, str]:  # type: ignore[override]
        # SECURITY WARNING: the link's host comes from SITE_URL, never from the request.
        address = site_address(settings.SITE_URL)
        return {
            "protocol": address.protocol,
            "domain": address.domain,
            "site_name": settings.SITE_NAME,
        }

    def form_valid(self, form: SitePasswordResetForm) -> HttpResponse:
        try:
            # Opening first makes a down mail server fail here, for every address alike.
            with get_connection() as connection:
                form.connection = connection
                return super().form_valid(form)
        except (EmailNotSent, *SEND_ERRORS) as exc:
            logger.error("password reset email not sent: %s: %s", type(exc).__name__, exc)
            form.add_error(None, SEND_FAILED)
            response = self.render_to_response(self.get_context_data(form=form), status=503)
            response["Retry-After"] = "120"
            return response


class PasswordResetDoneView(EmailRequiredMixin, SiteContextMixin, auth_views.PasswordResetDoneView):
    pass


class PasswordResetConfirmView(
    EmailRequiredMixin, SiteContextMixin, auth_views.PasswordResetConfirmView
):
    pass


class PasswordResetCompleteView(
    EmailRequiredMixin, SiteContextMixin, auth_views.PasswordResetCompleteView
):
    pass
