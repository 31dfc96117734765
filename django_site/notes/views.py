"""Django pages for notes: a list with a form, for logged-in users.

The detail page has moved to Flask (``flask_backend.migrated``).
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from django_site.notes.forms import NoteForm
from django_site.notes.models import Note


def note_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())  # writing needs a login
    form = NoteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            note = form.save(commit=False)
            note.author = request.user
            note.save()
            return redirect("notes:list")
        status = 400  # the form again, with its errors, as the Flask form answers
    notes = Note.objects.filter(tenant=None).select_related("author").defer("body")[:50]
    return render(request, "notes/list.html", {"notes": notes, "form": form}, status=status)
