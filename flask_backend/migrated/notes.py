"""The sample notes app's pages that moved to Flask: the note detail page.

Its template, ``notes/detail.html`` in ``django_site/notes/jinja2/``, is the same file
Django rendered before the view moved (docs/migration.md walks through it).
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from combined.layout import error_context
from django_site.notes.views import site_notes

bp = Blueprint("notes", __name__)


@bp.get("/notes/<int:pk>/")
def detail(pk: int) -> str:
    """Was Django's ``notes:detail``; the name still links here."""
    notes = site_notes()
    try:  # the query Django's view made (get_object_or_404): no ORDER BY, unlike first()
        note = notes.get(pk=pk)
    except notes.model.DoesNotExist:
        abort(404, description=error_context(404)["message"])  # Django's 404 page, word for word
    return render_template("notes/detail.html", note=note)
