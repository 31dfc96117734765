"""HTML pages of the backend, rendered with Jinja in the shared layout."""

from __future__ import annotations

from flask import Blueprint, render_template

# example:begin
from django_site.notes.models import Note

# example:end
from flask_backend.tenant import current_tenant, scoped

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    context: dict[str, object] = {"tenant": current_tenant()}
    # example:begin
    context["notes"] = list(scoped(Note.objects.select_related("author").defer("body"))[:20])
    context["note_count"] = scoped(Note.objects.all()).count()
    # example:end
    return render_template("backend/index.html", **context)
