"""``/notes/new``: the pattern for a form on the Flask half.

Login through Django (``login_required``), the shared CSRF token
(``{{ csrf_input }}``), and a redirect to the Django page that shows the result.
Part of the sample notes app (the ``example`` feature).
"""

from __future__ import annotations

from django.urls import reverse
from flask import Blueprint, redirect, render_template, request
from flask.typing import ResponseReturnValue

from combined.bridge.auth import current_user, login_required
from django_site.notes.models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH, Note
from flask_backend.api import FieldError, validated_note

# tenancy:begin
from flask_backend.tenant import tenant_id

# tenancy:end

bp = Blueprint("note_form", __name__)


@bp.route("/notes/new", methods=["GET", "POST"])
@login_required
def new_note() -> ResponseReturnValue:
    title, body = request.form.get("title", ""), request.form.get("body", "")
    error = None
    if request.method == "POST":
        try:
            fields = validated_note({"title": title, "body": body})
        except FieldError as exc:
            error = str(exc)
        else:
            note = Note(author=current_user._get_current_object(), **fields)
            # tenancy:begin
            note.tenant_id = tenant_id()
            # tenancy:end
            note.save()
            # tenancy:begin
            if note.tenant_id is not None:  # Django's pages show the site's own notes only
                return redirect(request.script_root + "/")  # the backend's front page
            # tenancy:end
            return redirect(reverse("notes:detail", args=[note.pk]))
    page = render_template(
        "backend/new_note.html",
        error=error,
        title=title,
        body=body,
        title_max_length=TITLE_MAX_LENGTH,
        body_max_length=BODY_MAX_LENGTH,
    )
    return page, 400 if error else 200
