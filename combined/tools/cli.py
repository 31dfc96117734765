"""The ``combined`` console script (declared in pyproject).

``combined run`` is the development server: werkzeug's ``run_simple`` with the
reloader, serving the combined app plus the static files of both halves. The
interactive debugger is on only when ``DEBUG`` is. Never use it in production;
use uWSGI (``deploy/uwsgi.ini``). ``combined startapp`` adds a Django app in
``apps/``; ``combined update`` takes the template's later changes
(``combined.tools.update``). The features a project has add their commands. The
console script starts at ``combined.tools.entry``, which puts the project on the path.
"""

from __future__ import annotations

import click
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from werkzeug.serving import run_simple

from combined.app import create_app

# template-only:begin
try:  # the template's own commands; they need its tools (pydantic, packaging), which a
    # site that adopted the layer does not install: there `combined` has the others only
    from combined.tools.adopt.command import adopt
    from combined.tools.generator.command import new
except ImportError:
    adopt = new = None  # type: ignore[assignment]
# template-only:end
# takeover:begin
from combined.tools.routes_report import build_report, format_report

# takeover:end
from combined.tools.startapp import startapp
from combined.tools.update.command import update


@click.group()
def main() -> None:
    """Tools for the combined Django + Flask project."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-reload", is_flag=True, help="Do not restart when code changes.")
def run(host: str, port: int, no_reload: bool) -> None:
    """Run the development server for both halves."""
    # Django's static view serves /static/ (both halves' shared files) in development.
    app = StaticFilesHandler(create_app())
    run_simple(
        host,
        port,
        app,
        use_reloader=not no_reload,
        # SECURITY WARNING: the debugger runs code from the browser; DEBUG only.
        use_debugger=settings.DEBUG,
        use_evalex=settings.DEBUG,
        threaded=True,
    )


# takeover:begin
@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def routes(as_json: bool) -> None:
    """List every URL of both apps; exit status 1 if a path is claimed twice."""
    report = build_report()
    click.echo(format_report(report, as_json))
    if report.conflicts:
        raise SystemExit(1)


# takeover:end
main.add_command(startapp)
main.add_command(update)
# template-only:begin
# The template's own command: a generated project has no combined/tools/generator/.
if new is not None and adopt is not None:
    main.add_command(new)
    main.add_command(adopt)
# template-only:end

if __name__ == "__main__":
    main()
