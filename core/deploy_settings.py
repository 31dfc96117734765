"""The settings of production and scale-out, as the base of ``core.settings.Settings``.

Why apart: a development checkout sets none of these; they are what
docs/deploy.md asks production to decide (the proxies in front, HTTPS and HSTS, Redis for sessions
and cache, the request body limit, login throttling), and their checks depend
only on each other. ``core.settings.Settings`` inherits the fields and checks,
so the environment is still read once, into one object. Do not instantiate this
class on its own: it has no ``.env`` and none of the core's checks.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings


class DeploySettings(BaseSettings):
    """Production and scale-out fields (docs/deploy.md); upper-case environment names."""

    # Number of trusted reverse proxies in front of the app. 0 = ignore X-Forwarded-*.
    proxy_count: int = Field(default=0, ge=0, le=5)
    redis_url: str | None = None
    # Sessions: "db", or with REDIS_URL "cache" (Redis only) or "cached_db" (Redis in
    # front of the database, the default).
    session_store: Literal["db", "cache", "cached_db"] | None = None
    cache_key_prefix: str = ""
    # The site is served over HTTPS (directly or behind a TLS-terminating proxy):
    # Secure cookies on both halves, and the HTTP -> HTTPS redirect by default.
    https: bool = False
    secure_ssl_redirect: bool | None = None
    secure_hsts_seconds: int = Field(default=0, ge=0)
    secure_hsts_include_subdomains: bool = False
    secure_hsts_preload: bool = False
    # Largest request body in bytes; nginx, uWSGI, Django and Flask all use this number.
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # Login throttling (django-axes): this many failed logins for one user name from one
    # address lock that pair out for the cool-off (docs/deploy.md, "Login throttling").
    login_failure_limit: int = Field(default=5, ge=1, le=1000)
    login_cooloff_seconds: int = Field(default=900, ge=1, le=7 * 86400)

    @field_validator("redis_url")
    @classmethod
    def _redis(cls, value: str | None) -> str | None:
        if value and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value or None

    @model_validator(mode="after")
    def _session_store(self) -> DeploySettings:
        if self.session_store in ("cache", "cached_db") and not self.redis_url:
            raise ValueError("SESSION_STORE: a cache-backed store needs REDIS_URL")
        if self.session_store is None:
            store = "cached_db" if self.redis_url else "db"
            object.__setattr__(self, "session_store", store)
        if self.secure_ssl_redirect is None:
            object.__setattr__(self, "secure_ssl_redirect", self.https)
        return self
