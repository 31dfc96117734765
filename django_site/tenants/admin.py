"""Tenants in the Django admin. A save is picked up by this process's backends
at once and by other processes within ``TENANCY_TTL`` (see combined.tenancy)."""

from django.contrib import admin

from django_site.tenants.models import Tenant


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["slug", "name"]
