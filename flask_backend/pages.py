"""HTML pages of the backend, rendered with Jinja in the shared layout."""

from __future__ import annotations

from flask import Blueprint, render_template

# example:begin
from flask_backend.api import served_notes

# example:end
# tenancy:begin
from flask_backend.tenant import current_tenant

# tenancy:end

bp = Blueprint("pages", __name__)


@bp.get("/")
def index() -> str:
    context: dict[str, object] = {}
    # tenancy:begin
    context["tenant"] = current_tenant()
    # tenancy:end
    # example:begin
    notes = served_notes()
    context["notes"] = list(notes.defer("body")[:20])
    context["note_count"] = notes.count()
    # example:end
    return render_template("backend/index.html", **context)
