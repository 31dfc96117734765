"""HTML pages of the backend, rendered with Jinja in the shared layout."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    context: dict[str, object] = {}
    # example:begin
    from django_site.notes.models import Note

    context["notes"] = list(Note.objects.select_related("author")[:20])
    context["note_count"] = Note.objects.count()
    # example:end
    return render_template("backend/index.html", **context)
