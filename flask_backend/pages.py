"""HTML pages of the backend, rendered with Jinja in the shared layout."""

from __future__ import annotations

from flask import Blueprint, render_template

from flask_backend.tenant import current_tenant, scoped

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    from django_site.notes.models import Note

    notes = list(scoped(Note.objects.select_related("author"))[:20])
    return render_template(
        "backend/index.html",
        notes=notes,
        note_count=scoped(Note.objects.all()).count(),
        tenant=current_tenant(),
    )
