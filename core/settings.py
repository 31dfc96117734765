"""What a project made from the template reads from its environment: one typed schema.

Every configurable value is a field of :class:`Settings`, read once from the process
environment plus an optional ``.env`` file at the project root (the real environment
wins) by ``core.environment``. The flow is one way: ``django_site.settings`` puts
``django_site.configure.derived(settings)`` into Django's settings, and both halves
(and the layer, ``combined.conf``) read Django's settings, never this object. No
other module reads ``os.environ``.

A bad value is fatal by design: :class:`SettingsError` is a ``SystemExit`` whose
message is one line naming the variable, so ``manage.py``, ``combined run`` and a
uWSGI import all stop with that line instead of a traceback from deep inside a
framework. Do not catch it to "carry on with defaults".
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import NoDecode, SettingsConfigDict

from combined import conf
from combined.conf import RESERVED_SEGMENTS as LAYER_RESERVED
from combined.conf import SettingsError as SettingsError
from combined.conf import api_mount as api_mount
from combined.hosts import check_allowed_host
from core.database_url import check_database_url
from core.deploy_settings import DeploySettings
from core.email_settings import (
    DISABLED,
    check_address,
    check_email_url,
    default_from,
)
from core.secret_key import check_secret_key
from core.site_url import check_site_url, site_address

# tenancy:begin
from core.tenancy_settings import check_tenancy_domain

# tenancy:end

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
DEV_SECRET_KEY_FILE = VAR_DIR / "dev-secret-key"  # core.secret_key writes it under DEBUG
DEBUG_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
DEFAULT_DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
# The name pages, titles and emails show (SITE_NAME overrides it; `combined new` sets it).
DEFAULT_SITE_NAME = "Combined site"


def _split_commas(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


# First path segments the site answers itself: the backend mounted there would hide
# them (the layer's own, plus Django's admin and accounts pages). Routes of the
# project's own apps are checked against the prefix by ``site.E002``.
RESERVED_SEGMENTS = {
    **LAYER_RESERVED,
    "admin": "Django's admin",
    "accounts": "the login and password pages",
}


def normalize_prefix(value: str) -> str:
    """``api/`` -> ``/api``; refuses the site's own paths (:data:`RESERVED_SEGMENTS`)."""
    return conf.normalize_prefix(value, RESERVED_SEGMENTS)


class Settings(DeploySettings):
    """Typed settings. Field names map to upper-case environment variables; those of
    production and scale-out are declared in :class:`~core.deploy_settings.DeploySettings`."""

    model_config = SettingsConfigDict(
        env_file=BASE_DIR / ".env",
        env_file_encoding="utf-8",
        case_sensitive=False,
        extra="ignore",
        frozen=True,
    )

    debug: bool = False
    # SECURITY WARNING: keep the secret key used in production secret!
    secret_key: SecretStr | None = None
    allowed_hosts: Annotated[list[str], NoDecode] = Field(default_factory=list)
    database_url: str = DEFAULT_DATABASE_URL
    conn_max_age: int = Field(default=0, ge=0)
    conn_health_checks: bool = False
    backend_prefix: str = "/backend"
    time_zone: str = "UTC"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # tenancy:begin
    # Per-tenant Flask backends (README: "Multi-tenant backends").
    tenancy: Literal["none", "subdomain", "path"] = "none"
    tenancy_domain: str | None = None
    tenancy_ttl: float = Field(default=30.0, gt=0, le=86400)
    tenancy_cache_size: int = Field(default=128, ge=1, le=100_000)
    # tenancy:end
    # The site's name on every page and in emails; its public address for absolute
    # links (core.site_url); where mail goes (core.email_settings). Checked together
    # after every field (_site_and_email): the rules depend on DEBUG, HTTPS and hosts.
    site_name: str = Field(default=DEFAULT_SITE_NAME, min_length=1, max_length=100)
    site_url: str | None = None
    email_url: SecretStr | None = None
    default_from_email: str | None = None
    server_email: str | None = None

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _hosts(cls, value: Any) -> Any:
        value = _split_commas(value)
        return [check_allowed_host(v) for v in value] if isinstance(value, list) else value

    @field_validator("site_name")
    @classmethod
    def _site_name(cls, value: str) -> str:
        value = value.strip()
        if not value or not value.isprintable():
            raise ValueError("must be a printable name on one line, e.g. Acme Site")
        return value

    @field_validator("backend_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        return normalize_prefix(value)

    @field_validator("time_zone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    # tenancy:begin
    @field_validator("tenancy", mode="before")
    @classmethod
    def _tenancy(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _tenancy_domain(self) -> Settings:
        hosts = {"tenancy": self.tenancy, "allowed_hosts": self.allowed_hosts, "debug": self.debug}
        try:
            domain = check_tenancy_domain(self.tenancy_domain, hosts, DEBUG_HOSTS)
        except ValueError as exc:
            raise ValueError(f"TENANCY_DOMAIN: {exc}") from None
        object.__setattr__(self, "tenancy_domain", domain)
        return self

    # tenancy:end
    @field_validator("database_url")
    @classmethod
    def _database(cls, value: str) -> str:
        return check_database_url(value, created=VAR_DIR)

    @model_validator(mode="after")
    def _debug_defaults(self) -> Settings:
        if self.debug and not self.allowed_hosts:
            object.__setattr__(self, "allowed_hosts", list(DEBUG_HOSTS))
        raw = self.secret_key.get_secret_value() if self.secret_key else None
        key = check_secret_key(raw, debug=self.debug, dev_key_file=DEV_SECRET_KEY_FILE)
        object.__setattr__(self, "secret_key", SecretStr(key))
        return self

    @model_validator(mode="after")
    def _site_and_email(self) -> Settings:
        try:
            url = check_site_url(
                self.site_url, debug=self.debug, https=self.https, allowed_hosts=self.allowed_hosts
            )
        except ValueError as exc:
            raise ValueError(f"SITE_URL: {exc}") from None
        object.__setattr__(self, "site_url", url)
        raw = self.email_url.get_secret_value() if self.email_url else None
        try:
            email = check_email_url(raw, self.debug)
        except ValueError as exc:
            raise ValueError(f"EMAIL_URL: {exc}") from None
        object.__setattr__(self, "email_url", SecretStr(email))
        sender = self.default_from_email or default_from(site_address(url).hostname)
        object.__setattr__(self, "default_from_email", check_address(sender, "DEFAULT_FROM_EMAIL"))
        server = check_address(self.server_email or sender, "SERVER_EMAIL")
        object.__setattr__(self, "server_email", server)
        return self

    @property
    def email_enabled(self) -> bool:
        """False with ``EMAIL_URL=disabled``: the site sends no email at all."""
        return self.email_url is not None and self.email_url.get_secret_value() != DISABLED
