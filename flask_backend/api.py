"""The JSON API over the sample notes: list, create and detail.

Errors are JSON with the right status (see ``combined.bridge.errors``): 400 names
the wrong field, an unknown id or URL is 404, a wrong method 405. Writes need a
logged-in user (401 otherwise), who becomes the author, and the CSRF token in
``X-CSRFToken`` (``combined.bridge.csrf``). Lists give an excerpt of
each body; the detail gives the whole note. ``/me`` is the current user or 401.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.db.models.functions import Left, Length
from flask import Blueprint, Response, abort, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from combined.bridge.auth import current_user, login_required
from combined.bridge.errors import error_response
from django_site.notes.models import EXCERPT_LENGTH, Note

# tenancy:begin
from flask_backend.tenant import scoped, tenant_id

# tenancy:end

bp = Blueprint("api", __name__)
MAX_PAGE = 100


class FieldError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def validated_note(payload: Any) -> dict[str, str]:
    """The note's fields, checked by the model's own fields, as Django's form checks them.

    ``Field.clean`` runs the model's validators (length, plain text: ``combined.text``),
    so the API, the Flask form and Django's ModelForm refuse the same values."""
    if not isinstance(payload, dict):
        raise FieldError("body", "must be a JSON object")
    title = payload.get("title")
    if not isinstance(title, str) or not title.strip():
        raise FieldError("title", "is required and must be a non-empty string")
    body = payload.get("body", "")
    if not isinstance(body, str):
        raise FieldError("body", "must be a string")
    fields = {"title": title.strip(), "body": body}
    for name, value in fields.items():
        try:
            Note._meta.get_field(name).clean(value, None)
        except ValidationError as exc:
            raise FieldError(name, " ".join(exc.messages)) from None
    return fields


def served_notes() -> QuerySet[Note]:
    """The notes this backend serves, with their authors."""
    notes = Note.objects.select_related("author")
    # tenancy:begin
    notes = scoped(notes)  # a tenant's backend: only the tenant's notes
    # tenancy:end
    return notes


@bp.get("/notes")
def list_notes() -> Response:
    """The newest notes, ``limit`` of them (default 20, above 100 cut to 100), with excerpts."""
    text = request.args.get("limit", "20")
    if not (text.isascii() and text.isdigit() and len(text) <= 100):
        return error_response(400, "limit: must be a whole number, 0 or more", field="limit")
    limit = min(int(text), MAX_PAGE)
    # The database cuts the bodies: a list never reads a whole body (old rows can be large).
    notes = (
        served_notes()
        .annotate(excerpt=Left("body", EXCERPT_LENGTH + 1), body_length=Length("body"))
        .defer("body")[:limit]
    )
    return jsonify({"notes": [_listed(note) for note in notes]})


def _listed(note: Any) -> dict[str, object]:
    note.body = note.excerpt  # at most one character past the excerpt: enough to tell
    listed = note.as_dict(full=False)
    listed["truncated"] = note.body_length > EXCERPT_LENGTH
    return listed


@bp.post("/notes")
@login_required
def create_note() -> ResponseReturnValue:
    if not request.is_json:
        return error_response(415, "send the note as JSON (Content-Type: application/json)")
    payload = request.get_json()  # a body that is not JSON, or nested too deep: 400 that says so
    try:
        fields = validated_note(payload)
    except FieldError as exc:
        return error_response(400, str(exc), field=exc.field)
    author = current_user._get_current_object()
    note = Note(author=author, **fields)
    # tenancy:begin
    note.tenant_id = tenant_id()
    # tenancy:end
    note.save()
    location = url_for("api.get_note", note_id=note.pk)
    return jsonify(note.as_dict()), 201, {"Location": location}


@bp.get("/notes/<int:note_id>")
def get_note(note_id: int) -> Response:
    note = served_notes().filter(pk=note_id).first()
    if note is None:
        abort(404, description=f"no note with id {note_id}")
    return jsonify(note.as_dict())
