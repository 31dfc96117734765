"""The Django original of the note detail page, now served by ``flask_backend.migrated``.

Kept verbatim (view and template) as the reference the Flask port is tested
against; ``tests.migration.reference.urls`` routes it for those tests only.
"""

from __future__ import annotations

from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines

from django_site.notes.models import Note

TEMPLATE = Path(__file__).resolve().parent / "templates" / "notes" / "detail.html"


def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Note.objects.filter(tenant=None).select_related("author"), pk=pk)
    template = engines["django"].from_string(TEMPLATE.read_text())
    return HttpResponse(template.render({"note": note}, request))
