"""The sample model. Django owns its schema; Flask reads and writes the same table."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models

from combined.text import validate_line, validate_lines

# The limits both halves enforce: the model's validators run in Django's ModelForm
# and, through Field.clean, in the Flask form and API (flask_backend.api).
TITLE_MAX_LENGTH = 200
BODY_MAX_LENGTH = 10_000
#: Characters of the body a list shows; the detail shows the whole body.
EXCERPT_LENGTH = 200


class Note(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH, validators=[validate_line])
    body = models.TextField(
        blank=True,
        max_length=BODY_MAX_LENGTH,  # the form's limit; TextField adds no validator for it
        validators=[MaxLengthValidator(BODY_MAX_LENGTH), validate_lines],
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notes",
    )
    # tenancy:begin
    # None: the site's own notes (Django pages, the default backend). A tenant's
    # backend reads and writes only its own; PROTECT keeps a tenant with notes.
    tenant = models.ForeignKey(
        "tenants.Tenant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notes",
    )
    # tenancy:end
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def as_dict(self, *, full: bool = True) -> dict[str, object]:
        """The JSON shape both halves agree on; ``full=False`` cuts the body to an excerpt."""
        body = self.body if full else self.body[:EXCERPT_LENGTH]
        answer: dict[str, object] = {
            "id": self.pk,
            "title": self.title,
            "body": body,
            "author": self.author.get_username() if self.author else None,
            "created_at": self.created_at.isoformat(),
        }
        if not full:
            answer["truncated"] = len(body) < len(self.body)
        return answer
