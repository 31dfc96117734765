"""One cached tenant behind ``SubdomainDispatcher``: ``alice.localhost`` -> Flask.

It measures what subdomain tenancy (combined/dispatch.py) costs per request once
the tenant's app is built, against the Flask backend served directly. Only the
tenant ``alice`` exists; any other subdomain gets 404.
"""

from __future__ import annotations

from flask import Flask

import flask_backend
from combined.dispatch import SubdomainDispatcher

TENANT = "alice"
DOMAIN = "localhost"


def _create_tenant(label: str) -> Flask | None:
    return flask_backend.create_app() if label == TENANT else None


application = SubdomainDispatcher(DOMAIN, _create_tenant)
