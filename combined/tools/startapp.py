"""``combined startapp NAME``: a new Django app in ``apps/NAME``, added to INSTALLED_APPS.

Django's own ``startapp`` writes the app (its template, its checks on the name);
this command only picks the folder (apps/README.md says why) and makes the one edit
of ``django_site/settings.py``: a line ``"NAME",`` above the marker comment that ends
``INSTALLED_APPS``. Without that marker (an edited settings file) it says which line
to add instead.
"""

from __future__ import annotations

from pathlib import Path

import click
from django.core.management import call_command
from django.core.management.base import CommandError

# A project made from the template, run from its folder (the console script's start).
APPS_DIR = Path("apps")
SETTINGS_FILE = Path("django_site") / "settings.py"
MARKER = "    # Your apps, in apps/ (`combined startapp NAME` adds each above this line):\n"


def add_to_installed_apps(settings_file: Path, name: str) -> bool:
    """Insert ``"name",`` above the marker line; False if there is no marker."""
    text = settings_file.read_text(encoding="utf-8")
    if text.count(MARKER) != 1:
        return False
    settings_file.write_text(text.replace(MARKER, f'    "{name}",\n{MARKER}'), encoding="utf-8")
    return True


@click.command()
@click.argument("name")
def startapp(name: str) -> None:
    """Create a Django app in apps/NAME and add it to INSTALLED_APPS."""
    target = APPS_DIR / name
    if target.exists():
        raise click.ClickException(f"{target} exists already")
    target.mkdir(parents=True)
    try:
        call_command("startapp", name, str(target))
    except CommandError as exc:
        target.rmdir()  # Django refused the name before writing anything
        raise click.ClickException(str(exc)) from exc
    where = f"apps/{name}"
    if add_to_installed_apps(SETTINGS_FILE, name):
        click.echo(f"Created {where}/ and added {name!r} to INSTALLED_APPS.")
    else:
        click.echo(f"Created {where}/. Add {name!r} to INSTALLED_APPS in django_site/settings.py.")
    click.echo(f"Its URLs: path('{name}/', include('{name}.urls')) in django_site/urls.py.")
