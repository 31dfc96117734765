"""Django pages for notes: a list with a form, for logged-in users."""

# takeover:begin
# The note's own page has moved to Flask (flask_backend/migrated/notes.py).
# takeover:end

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

# takeover:begin
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

# takeover:else
# from django.shortcuts import get_object_or_404, redirect, render
# from django.views.decorators.http import require_http_methods
# takeover:end
from django_site.notes.forms import NoteForm
from django_site.notes.models import Note


def site_notes() -> QuerySet[Note]:
    """The notes the site's own pages show, with their authors."""
    notes = Note.objects.select_related("author")
    # tenancy:begin
    notes = notes.filter(tenant=None)  # the site's own; tenants' are on their backends
    # tenancy:end
    return notes


@require_http_methods(["GET", "HEAD", "POST"])  # HEAD too: require_http_methods adds none
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
    notes = site_notes().defer("body")[:50]
    return render(request, "notes/list.html", {"notes": notes, "form": form}, status=status)


# takeover:begin
# takeover:else
# @require_http_methods(["GET", "HEAD"])
# def note_detail(request: HttpRequest, pk: int) -> HttpResponse:
#     """A note's page (django_site/notes/jinja2/notes/detail.html)."""
#     note = get_object_or_404(site_notes(), pk=pk)
#     return render(request, "notes/detail.html", {"note": note})
# takeover:end
