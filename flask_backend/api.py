"""The JSON API over the sample notes: list, create and detail.

Errors are JSON with the right status (see ``flask_backend.errors``): 400 names
the wrong field, an unknown id or URL is 404, a wrong method 405. Writes need the
CSRF token in ``X-CSRFToken`` (``flask_backend.django_bridge.csrf``); a note
created by a logged-in user gets them as author. ``/me`` is the current user or 401.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from flask import Blueprint, Response, abort, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from django_site.notes.models import TITLE_MAX_LENGTH, Note
from flask_backend.django_bridge.auth import current_user
from flask_backend.errors import error_response

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
    if not isinstance(payload, dict):
        raise FieldError("body", "must be a JSON object")
    title = payload.get("title")
    if not isinstance(title, str) or not title.strip():
        raise FieldError("title", "is required and must be a non-empty string")
    if len(title) > TITLE_MAX_LENGTH:
        raise FieldError("title", f"must be at most {TITLE_MAX_LENGTH} characters")
    body = payload.get("body", "")
    if not isinstance(body, str):
        raise FieldError("body", "must be a string")
    return {"title": title.strip(), "body": body}


def served_notes() -> QuerySet[Note]:
    """The notes this backend serves, with their authors."""
    notes = Note.objects.select_related("author")
    # tenancy:begin
    notes = scoped(notes)  # a tenant's backend: only the tenant's notes
    # tenancy:end
    return notes


@bp.get("/notes")
def list_notes() -> Response:
    try:
        limit = min(int(request.args.get("limit", 20)), MAX_PAGE)
    except ValueError:
        return error_response(400, "limit: must be an integer", field="limit")
    notes = served_notes()[: max(limit, 0)]
    return jsonify({"notes": [note.as_dict() for note in notes]})


@bp.post("/notes")
def create_note() -> ResponseReturnValue:
    payload = request.get_json(silent=True)
    if payload is None and not request.is_json:
        return error_response(415, "send the note as JSON (Content-Type: application/json)")
    try:
        fields = validated_note(payload)
    except FieldError as exc:
        return error_response(400, str(exc), field=exc.field)
    author = current_user._get_current_object() if current_user.is_authenticated else None
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
