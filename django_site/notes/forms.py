"""The note form used on Django pages."""

from django import forms

from django_site.notes.models import Note


class NoteForm(forms.ModelForm):
    class Meta:
        model = Note
        fields = ["title", "body"]
