"""``Item``: a row both halves read and write in the core's tests.

Its title takes the site's plain-text rule (``combined.text``), as any real text field
should: the attack suite sends NUL, control characters and lone surrogates to the
forms and the API that write it, and each must be a 400, never a database error.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from combined.text import validate_line

TITLE_MAX_LENGTH = 100


class Item(models.Model):
    title = models.CharField(max_length=TITLE_MAX_LENGTH, validators=[validate_line])
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.pk,
            "title": self.title,
            "owner": self.owner.get_username() if self.owner else None,
        }
