"""Django pages for notes: a list with a form, and a note's own page."""

# takeover:begin
# The note's page has moved to Flask (flask_backend.migrated): note_detail stays here
# unrouted, the Django original its port is tested against (tests/migration).
# takeover:end

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from django_site.notes.forms import NoteForm
from django_site.notes.models import Note


def site_notes() -> QuerySet[Note]:
    """The notes the Django pages show, with their authors."""
    notes = Note.objects.select_related("author")
    # tenancy:begin
    notes = notes.filter(tenant=None)  # the site's own; tenants' are on their backends
    # tenancy:end
    return notes


def note_list(request: HttpRequest) -> HttpResponse:
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.save(commit=False)
        if request.user.is_authenticated:
            note.author = request.user
        note.save()
        return redirect("notes:list")
    return render(request, "notes/list.html", {"notes": site_notes()[:50], "form": form})


def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(site_notes(), pk=pk)
    return render(request, "notes/detail.html", {"note": note})
