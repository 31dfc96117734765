"""The ``combined new`` command (click), registered by ``combined.tools.cli`` when present."""

from __future__ import annotations

from pathlib import Path

import click

from combined.tools.generator.manifest import SLICES
from combined.tools.generator.options import parse_options
from combined.tools.generator.project import generate

FEATURES = "; ".join(f"{s.name}: {s.summary}" for s in SLICES)


@click.command(epilog=f"Features (all are in, unless --without names them): {FEATURES}.")
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--name", help="Project name, e.g. acme-site (default: DEST's folder name).")
@click.option("--domain", help="The site's domain: ALLOWED_HOSTS (and TENANCY_DOMAIN).")
@click.option("--backend-prefix", default="/backend", show_default=True, help="Flask's mount.")
@click.option(
    "--database", type=click.Choice(["sqlite", "postgresql"]), default="sqlite", show_default=True
)
@click.option(
    "--tenancy",
    type=click.Choice(["none", "subdomain", "path"]),
    default="none",
    show_default=True,
    help="TENANCY of the new project (needs the tenancy feature).",
)
@click.option(
    "--without",
    metavar="FEATURES",
    help="Comma-separated features to leave out, e.g. tenancy,bench.",
)
def new(
    dest: Path,
    name: str | None,
    domain: str | None,
    backend_prefix: str,
    database: str,
    tenancy: str,
    without: str | None,
) -> None:
    """Create a new project in DEST (a new or empty folder) from this template."""
    options = parse_options(
        dest=dest,
        name=name,
        domain=domain,
        backend_prefix=backend_prefix,
        database=database,
        tenancy=tenancy,
        without=without,
    )
    result = generate(options)
    features = ", ".join(options.features) or "none (the core only)"
    click.echo(f"Created {options.display_name} in {result.dest} ({result.files} files, 1 commit).")
    click.echo(f"Features: {features}.")
    if result.template_dirty:
        click.echo(
            "Warning: the template has uncommitted changes. The project has them, but "
            f".template.json records commit {result.record.commit}, which does not: "
            "`combined update` will treat them as your own edits."
        )
    if options.database == "postgresql":
        click.echo(f"Create its database first: createdb {options.database_name}")
    click.echo("Next:")
    for command in result.next_commands:
        click.echo(f"  {command}")
