"""HTML pages of the backend, rendered with Jinja in the shared layout."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    from django_site.notes.models import Note

    notes = list(Note.objects.select_related("author")[:20])
    return render_template("backend/index.html", notes=notes, note_count=Note.objects.count())
