"""Which tenant a backend app serves, and the data scope that follows from it.

``create_app(..., tenant=TenantConfig(...))`` builds a backend for one tenant:
its pages show the tenant's name, and its views read and write only that
tenant's rows (``scoped`` and ``tenant_id``). Without a tenant (``None``) the
backend serves the site's own rows, those with no tenant. ``combined.tenancy``
builds these apps; nothing here knows how a request picked its tenant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask import current_app

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass(frozen=True)
class TenantConfig:
    """A tenant as the backend needs it: database id (the scope), slug and name."""

    id: int
    slug: str
    name: str


def current_tenant() -> TenantConfig | None:
    return current_app.config.get("TENANT")


def tenant_id() -> int | None:
    tenant = current_tenant()
    return tenant.id if tenant else None


def scoped(queryset: QuerySet) -> QuerySet:
    """Only the rows of this app's tenant (or with no tenant, for the default app)."""
    return queryset.filter(tenant_id=tenant_id())
