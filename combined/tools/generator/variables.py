"""The one mapping from ``combined new``'s options to the project's settings.

The new project's ``.env`` and the settings table in its README are both written
from :func:`variables`, so they cannot disagree. Only what differs from the
settings' defaults is written (``TENANCY_DOMAIN`` only with ``TENANCY=subdomain``,
``TENANCY`` only when tenancy is on).
"""

from __future__ import annotations

from dataclasses import dataclass

from combined.tools.generator.options import ProjectOptions

LOOPBACK = "localhost,127.0.0.1,[::1]"


@dataclass(frozen=True)
class Variable:
    name: str
    value: str
    why: str  # one line: which option chose it, and what to keep in mind


def variables(options: ProjectOptions) -> list[Variable]:
    """The settings ``options`` choose, in the order ``.env`` lists them."""
    rows = [Variable("BACKEND_PREFIX", options.backend_prefix, "--backend-prefix: where Flask is")]
    if options.domain:
        # Subdomain tenants are hosts under the domain: allow them all (".acme.test").
        subdomains = options.has("tenancy") and options.tenancy == "subdomain"
        host = f".{options.domain}" if subdomains else options.domain
        rows.append(
            Variable(
                "ALLOWED_HOSTS",
                f"{host},{LOOPBACK}",
                f"--domain; the loopback names serve `dev.py serve`: production needs only {host}",
            )
        )
    if options.database == "postgresql":
        rows.append(
            Variable(
                "DATABASE_URL",
                f"postgres://localhost/{options.database_name}",
                f"--database postgresql: create it first (createdb {options.database_name})",
            )
        )
    if options.has("tenancy") and options.tenancy != "none":
        rows.append(Variable("TENANCY", options.tenancy, "--tenancy"))
        if options.tenancy == "subdomain":
            rows.append(Variable("TENANCY_DOMAIN", options.domain or "", "--domain"))
    return rows


def env_text(options: ProjectOptions, secret_key: str) -> str:
    """The new project's ``.env``: a fresh key, then :func:`variables`."""
    lines = [
        "# Settings for this checkout, read by core/settings.py (the environment wins).",
        "# Never commit this file: it holds the secret key. Production sets its own values.",
        "# SECURITY WARNING: keep the secret key used in production secret!",
        f"SECRET_KEY={secret_key}",
        "# A development checkout: the debugger, console email, static files from runserver.",
        "# SECURITY WARNING: production sets DEBUG=false (.env.production.example).",
        "DEBUG=true",
    ]
    for variable in variables(options):
        lines += [f"# {variable.why}", f"{variable.name}={variable.value}"]
    return "\n".join(lines) + "\n"


def readme_table(options: ProjectOptions) -> str:
    """The README's table of the same values (the secret key stays in ``.env``)."""
    rows = [f"| `{v.name}` | `{v.value}` | {v.why} |" for v in variables(options)]
    return "\n".join(["| variable | value | why |", "|---|---|---|", *rows])
