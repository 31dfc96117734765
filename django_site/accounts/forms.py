"""The password reset form, sending through a connection the view opened.

Django's ``PasswordResetForm.send_mail`` logs a failed send and carries on, so the
view then tells the user the email is on its way. Here a failure is raised as
:class:`EmailNotSent`, and the view answers with an error page instead.
"""

from __future__ import annotations

import smtplib
from typing import Any

from django.contrib.auth.forms import PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template import loader

# What a mail server that is down, refuses us or times out raises.
SEND_ERRORS = (smtplib.SMTPException, OSError)


class EmailNotSent(Exception):
    """The reset email could not be handed to the mail server."""


class SitePasswordResetForm(PasswordResetForm):
    connection: BaseEmailBackend | None = None

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(
            subject, body, from_email, [to_email], connection=self.connection
        )
        if html_email_template_name is not None:
            message.attach_alternative(
                loader.render_to_string(html_email_template_name, context), "text/html"
            )
        try:
            message.send()
        except SEND_ERRORS as exc:
            raise EmailNotSent(f"{type(exc).__name__}: {exc}") from exc
