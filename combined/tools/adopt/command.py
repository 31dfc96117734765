"""``combined adopt PATH``: check everything, then write, then one commit.

Refusals are one line naming the problem, and nothing is written before the last
check has passed: PATH is not a Django project (no ``manage.py``, no settings module
named in it), it is not a git work tree or has uncommitted changes, it was adopted
already, the layer's paths clash (``combined.tools.adopt.paths``), a path adopt would
create exists (or a module named ``combined`` would shadow the layer), the site
already names the layer or allows no version it can install beside, or its
requirements are hash-locked with no source; then, asked of the site's interpreter,
its settings module does not load or one of its URLs would be hidden.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import click

from combined.conf import normalize_prefix
from combined.tools.adopt import checks, files, paths, render, requirements
from combined.tools.generator.project import FALLBACK_IDENTITY, template_version
from combined.tools.generator.render import TEMPLATE_ROOT
from combined.tools.manage_py import manage_py_settings
from combined.tools.update.record import RECORD_FILE, TemplateRecord

COMMIT_MESSAGE = "Adopt the Django+Flask layer (combined adopt)"


@dataclass
class Adoption:
    site: Path  # the folder of manage.py
    root: Path  # the git work tree
    settings_module: str
    written: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    dependency: requirements.Plan | None = None
    requirement: str = ""
    prefix: str = "/backend"
    catch_all: str | None = None  # a pattern answering any path (the probe's)
    siblings: list[str] = field(default_factory=list)  # other modules of a settings package


def adopt_site(
    path: Path,
    backend_prefix: str = "/backend",
    python: Path | None = None,
    health: tuple[str, str] = ("/healthz", "/readyz"),
) -> Adoption:
    """Check, then write and commit; raise :class:`AdoptError` before writing anything."""
    manage_py = checks.find_manage_py(path.resolve())
    site = manage_py.parent
    settings_module = manage_py_settings(manage_py)
    if not settings_module:
        raise checks.AdoptError(f"{manage_py} names no settings module (DJANGO_SETTINGS_MODULE)")
    root = checks.check_git(site)
    try:
        prefix = normalize_prefix(backend_prefix)
    except ValueError as exc:
        raise checks.AdoptError(f"--backend-prefix: {exc}") from None
    live = paths.health_path(health[0], "--health-path")
    ready = paths.health_path(health[1], "--ready-path")
    paths.paths_apart(prefix, live, ready)
    for name in ("combined", "combined.py"):
        if (site / name).exists():
            raise checks.AdoptError(
                f"{site / name} would hide the layer's package `combined`; rename it first"
            )
    if (site / RECORD_FILE).exists():
        raise checks.AdoptError(
            f"{site} was adopted already ({RECORD_FILE}): `combined update` brings "
            "later versions of the layer"
        )
    exists = [rel for rel in files.planned(render.rendered_paths()) if (site / rel).exists()]
    if exists:
        raise checks.AdoptError(f"{site / exists[0]} exists already: adopt writes that file itself")
    source, commit, _dirty = template_version(TEMPLATE_ROOT)
    line = requirements.requirement_line(source, commit)
    dependency = checks.dependency_plan(site, root, line)
    # Last, the slow one: the site's own interpreter loads its settings and URLconf.
    python_ = checks.site_python(site, root, python)
    answer = checks.probe(site, settings_module, [prefix, live, ready], python_)
    paths.no_collisions(
        answer, {prefix: "--backend-prefix", live: "--health-path", ready: "--ready-path"}
    )
    settings_file = Path(str(answer["settings_file"]))
    checks.not_adopted_yet(settings_file, Path(str(answer["urlconf_file"])))
    paths.outside_static(
        str(answer.get("static_url") or "/static/"),
        (live, "--health-path"),
        (ready, "--ready-path"),
    )
    options = render.site_options(site, answer, prefix)
    options.update(live_path=live, ready_path=ready)

    adoption = Adoption(
        site,
        root,
        settings_module,
        dependency=dependency,
        requirement=line,
        prefix=prefix,
        catch_all=str(answer["catch_all"]) if answer.get("catch_all") else None,
        siblings=[_shown(f, site) for f in checks.settings_siblings(settings_file)],
    )
    _write(adoption, answer, options, source, commit)
    _commit(adoption)
    return adoption


def _write(
    adoption: Adoption,
    answer: dict[str, object],
    options: dict[str, str],
    source: str,
    commit: str | None,
) -> None:
    site = adoption.site
    files.write_flask_half(site)
    rendered = render.render(options, site)
    settings_file = Path(str(answer["settings_file"]))
    block = files.settings_block(
        options["backend_prefix"], options["live_path"], options["ready_path"]
    )
    files.append(settings_file, block)
    urlconf_file = Path(str(answer["urlconf_file"]))
    files.append(urlconf_file, files.URLCONF_BLOCK)
    assert adoption.dependency is not None
    existed = adoption.dependency.file.exists()
    requirements.add(adoption.dependency, adoption.requirement)
    TemplateRecord(source, commit, options).save(site)
    adoption.written = [*files.planned(rendered)]
    if not existed:
        adoption.written.append(_shown(adoption.dependency.file, site))
    adoption.changed = [_shown(settings_file, site), _shown(urlconf_file, site)]
    if existed:
        adoption.changed.append(_shown(adoption.dependency.file, site))


def _shown(path: Path, site: Path) -> str:
    return os.path.relpath(path, site)


def _commit(adoption: Adoption) -> None:
    root = adoption.root
    touched = [str(adoption.site / p) for p in [*adoption.written, *adoption.changed]]
    add = checks.git(root, "add", "--", *touched)
    if add.returncode:
        raise checks.AdoptError(f"git add failed: {add.stderr.strip()}")
    identity = () if checks.git(root, "config", "user.email").returncode == 0 else FALLBACK_IDENTITY
    done = checks.git(root, *identity, "commit", "-q", "-m", COMMIT_MESSAGE)
    if done.returncode:
        raise checks.AdoptError(f"git commit failed: {done.stderr.strip() or done.stdout.strip()}")


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--backend-prefix", default="/backend", show_default=True, help="Flask's mount.")
@click.option("--health-path", default="/healthz", show_default=True, help="Liveness path.")
@click.option("--ready-path", default="/readyz", show_default=True, help="Readiness path.")
@click.option(
    "--python",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The site's interpreter (default: its .venv/, venv/ or env/, else this one).",
)
def adopt(
    path: Path, backend_prefix: str, health_path: str, ready_path: str, python: Path | None
) -> None:
    """Add the combined layer to the Django project at PATH, in place, as one commit."""
    done = adopt_site(path, backend_prefix, python, (health_path, ready_path))
    click.echo(f"Adopted {done.site} ({done.settings_module}); one commit: {COMMIT_MESSAGE!r}.")
    if done.catch_all:
        click.echo(
            f"Note: the site's URL pattern of {done.catch_all} answers any path; under "
            f"{done.prefix} (and the health paths) its pages are now the layer's."
        )
    if done.siblings:
        click.echo(
            f"Note: the block went into {done.settings_module} only; {', '.join(done.siblings)} "
            "need it too unless they import that module (production, tests)."
        )
    for rel in done.written:
        click.echo(f"  created  {rel}")
    for rel in done.changed:
        click.echo(f"  changed  {rel}")
    plan = done.dependency
    assert plan is not None
    click.echo("Next, in the site's folder:")
    if plan.relock:
        click.echo(f"  {plan.relock}     # the lock file gets the layer's hashes")
    click.echo(
        "  your usual install (it now brings the layer), e.g. pip install -r requirements.txt"
    )
    click.echo("  python manage.py check && python manage.py test   # or your own test command")
    click.echo("  python manage.py runserver                        # both halves")
    click.echo(
        "Hardening (login throttling, CSP, the body limit) is not turned on: it changes "
        "your site's behaviour; docs/adopt.md says how, step by step."
    )
