"""Notes in the Django admin."""

from django.contrib import admin

from django_site.notes.models import Note


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "created_at"]
    # tenancy:begin
    list_display = ["title", "author", "tenant", "created_at"]
    list_filter = ["tenant"]
    # tenancy:end
    search_fields = ["title", "body"]
