"""The ``combined new`` command (click), registered by ``combined.cli`` when present."""

from __future__ import annotations

from pathlib import Path

import click

from combined.generator.options import parse_options
from combined.generator.project import generate


@click.command()
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--name", help="Project name, e.g. acme-site (default: DEST's folder name).")
@click.option("--domain", help="The site's domain: ALLOWED_HOSTS and TENANCY_DOMAIN.")
@click.option("--backend-prefix", default="/backend", show_default=True, help="Flask's mount.")
@click.option(
    "--database", type=click.Choice(["sqlite", "postgresql"]), default="sqlite", show_default=True
)
@click.option(
    "--tenancy",
    type=click.Choice(["none", "subdomain", "path"]),
    default="none",
    show_default=True,
)
@click.option("--no-example", is_flag=True, help="Leave out the sample notes app.")
def new(
    dest: Path,
    name: str | None,
    domain: str | None,
    backend_prefix: str,
    database: str,
    tenancy: str,
    no_example: bool,
) -> None:
    """Create a new project in DEST (a new or empty folder) from this one."""
    options = parse_options(
        dest=dest,
        name=name,
        domain=domain,
        backend_prefix=backend_prefix,
        database=database,
        tenancy=tenancy,
        example=not no_example,
    )
    result = generate(options)
    click.echo(f"Created {options.display_name} in {result.dest} ({result.files} files, 1 commit).")
    if options.database == "postgresql":
        click.echo(f"Create its database first: createdb {options.database_name}")
    click.echo("Next:")
    for command in result.next_commands:
        click.echo(f"  {command}")
