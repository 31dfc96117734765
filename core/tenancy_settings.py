"""Validation of ``TENANCY_DOMAIN``, kept out of ``core.settings`` to keep it short.

Subdomain tenancy serves ``<slug>.TENANCY_DOMAIN``. Those hosts must pass the
host check (``ALLOWED_HOSTS``) first, or every tenant request would get 400; a
deployment that forgot this stops at start-up instead, with one line naming
``TENANCY_DOMAIN``. Not useful outside the settings validator.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from combined.hosts import parse_host

PROBE_LABEL = "tenant"


def _covered(host: str, allowed_hosts: Sequence[str]) -> bool:
    """Django's ``validate_host`` rules, for a host we build ourselves."""
    return any(
        pattern == "*"
        or pattern.lower() == host
        or (pattern.startswith(".") and (host.endswith(pattern.lower()) or host == pattern[1:]))
        for pattern in allowed_hosts
    )


def check_tenancy_domain(
    value: str | None, data: Mapping[str, Any], debug_hosts: Sequence[str]
) -> str | None:
    """Return the normalised domain; raise ValueError with a readable reason."""
    mode = data.get("tenancy", "none")
    if not value or not value.strip():
        if mode == "subdomain":
            raise ValueError("is required when TENANCY=subdomain (e.g. example.com)")
        return None
    value = value.strip()
    name = parse_host(value)
    if name is None or ":" in value or name.startswith("["):
        raise ValueError(f"{value!r} is not a host name (no port, no IP literal)")
    allowed = data.get("allowed_hosts") or (list(debug_hosts) if data.get("debug") else [])
    if mode == "subdomain" and not _covered(f"{PROBE_LABEL}.{name}", allowed):
        raise ValueError(
            f"tenant hosts such as {PROBE_LABEL}.{name} are outside ALLOWED_HOSTS; "
            f"add .{name} to ALLOWED_HOSTS"
        )
    return name
