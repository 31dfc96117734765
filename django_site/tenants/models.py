"""The tenant model: a slug that is a URL segment and a DNS label, a name, a switch.

The slug is what ``combined.tenancy`` looks up: ``acme`` serves
``acme.example.com/backend/`` (subdomain mode) or ``/backend/acme/`` (path mode).
It must be a valid DNS label in lower case, and must not be one of the default
backend's own first path segments (``RESERVED_SLUGS``), which path mode keeps
for the non-tenant backend.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

SLUG_MAX_LENGTH = 63
# The default backend's first path segments (checked against Flask's URL map by
# tests/test_tenancy.py) plus names that would confuse people in a host name.
RESERVED_SLUGS = frozenset(
    {"api", "me", "static", "layout-static", "www", "admin", "logout", "account", "accounts"}
    # example:begin
    | {"notes"}
    # example:end
)

label_validator = RegexValidator(
    r"\A[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\Z",
    "Use 1-63 lower-case letters, digits and inner hyphens (it becomes a host name label).",
)


def not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(f"{value!r} is reserved for the site itself.", code="reserved")


class Tenant(models.Model):
    slug = models.CharField(
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        validators=[label_validator, not_reserved],
        help_text="acme → acme.example.com/backend/ or /backend/acme/",
    )
    name = models.CharField(max_length=200)
    is_active = models.BooleanField(
        default=True, help_text="An inactive tenant's backend answers 404."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"
