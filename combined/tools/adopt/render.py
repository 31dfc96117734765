"""The files ``combined adopt`` gives a site that later versions of the layer update.

The deployment (``deploy/``: the uWSGI config, its nginx partner, the systemd unit)
and ``docs/combined-layer.md`` are the template's own files with the site's values
put in: its settings module (``DJANGO_SETTINGS_MODULE`` for uWSGI) and its static
files' URL and folder. Rendering is deterministic from the recorded options, so
``combined update`` renders the version a site has and the new one, and merges the
difference into the site's copies three ways, keeping the site's own edits
(``combined.tools.update``). A substitution whose line is gone from the template
stops with the line it looked for: a template change broke it, and a test says so.

    python -m combined.tools.adopt.render --options FILE --out DIR   (run in a template checkout)
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

# The template checkout this module belongs to: its deploy/ is what gets rendered.
TEMPLATE_ROOT = Path(__file__).resolve().parents[3]
DOC = "docs/combined-layer.md"


class RenderError(SystemExit):
    def __init__(self, problem: str) -> None:
        super().__init__(f"combined adopt: {problem}")


def _sub(text: str, pattern: str, replacement: str, where: str) -> str:
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise RenderError(f"{where}: no line matches {pattern!r}; the template changed")
    return new


def uwsgi_ini(options: dict[str, str]) -> str:
    text = (TEMPLATE_ROOT / "deploy" / "uwsgi.ini").read_text(encoding="utf-8")
    line = f"env = DJANGO_SETTINGS_MODULE={options['settings_module']}"
    text = _sub(text, r"^env = DJANGO_SETTINGS_MODULE=.*$", line, "uwsgi")
    static_url = "/" + options.get("static_url", "/static/").strip("/")
    root = options.get("static_root")
    if not root:
        line = "; static-map: the site has no STATIC_ROOT; set it, run collectstatic, map it here"
        said = f"; There is no STATIC_ROOT yet: {static_url}/ is Django's until static-map is set."
    else:  # relative to the site's folder (this file's parent), or an absolute path
        line = f"static-map = {static_url}={root if root.startswith('/') else '%d../' + root}"
        said = f"; Run `python manage.py collectstatic` first: {static_url}/ is served from {root}."
    text = _sub(text, r"^; Run `python manage.py collectstatic` first: .*$", said, "uwsgi")
    return _sub(text, r"^static-map = .*$", line, "uwsgi")


def nginx_conf(options: dict[str, str]) -> str:
    text = (TEMPLATE_ROOT / "deploy" / "nginx" / "site.conf").read_text(encoding="utf-8")
    static_url = "/" + options.get("static_url", "/static/").strip("/") + "/"
    text = _sub(text, r"^    location /static/ \{$", f"    location {static_url} {{", "nginx")
    root = options.get("static_root")
    if root:  # deployed at /srv/combined, as the unit and this file assume
        folder = root if root.startswith("/") else f"/srv/combined/{root}"
        said = f"(manage.py collectstatic -> {root})"
    else:
        folder, said = "/srv/combined/static", "(set STATIC_ROOT, run collectstatic, alias it here)"
    text = _sub(
        text,
        r"^        alias /srv/combined/var/static/;$",
        f"        alias {folder.rstrip('/')}/;",
        "nginx",
    )
    text = _sub(text, r"\(manage\.py collectstatic -> var/static\)", said, "nginx")
    for default, key in (("/healthz", "live_path"), ("/readyz", "ready_path")):
        path = options.get(key, default)
        text = text.replace(f"location = {default} {{", f"location = {path} {{")
    return text


def doc(options: dict[str, str]) -> str:
    prefix = options.get("backend_prefix", "/backend")
    return f"""# The Django+Flask layer

This site runs its Django pages and a Flask backend as one site, with one login,
session and CSRF token, through the `combined` layer (the `django-flask-combined`
requirement).
`combined adopt` added it; `combined update` brings later versions of the layer and
of the files below.

What is the site's own now, and stays so:

- `flask_backend/`: the Flask half. `create_app` builds the backend served under
  `{prefix}` (`BACKEND_PREFIX`); `flask_backend/migrated/` holds pages moved from
  Django, one module per Django app, listed in `MOVED_APPS`.
- the block between `# combined:begin` and `# combined:end` in
  `{options["settings_module"]}` (the layer's Django app, `WSGI_APPLICATION`,
  `BACKEND_PREFIX`) and in the root URLconf (`{prefix}` for Django's test clients).
- `deploy/`: uWSGI (`uwsgi --ini deploy/uwsgi.ini`; the layer installs no server: add
  `pyuwsgi` to the requirements) and nginx in front of it.

Moving a page: write its Flask view in `flask_backend/migrated/<app>.py` (a
blueprint `bp` named after the app, the page's path and trailing slash), render
the page's own Django template with
`combined.bridge.templates.render_django_template(name, context)`, add the app to
`MOVED_APPS`, and point the Django route at `combined.handover.served_by_flask`
(keep its name). Django still resolves the URL and runs its middleware; your tests
keep testing the page with your own test command. The full guide is docs/adopt.md
of the template.
"""


def site_options(site: Path, answer: dict[str, object], prefix: str) -> dict[str, str]:
    """What the renderer and ``combined update`` need, recorded in ``.template.json``."""
    root = answer.get("static_root")
    if isinstance(root, str) and Path(root).is_relative_to(site):
        root = Path(root).relative_to(site).as_posix()
    return {
        "adopted": "true",
        "settings_module": str(answer["settings_module"]),
        "static_url": str(answer.get("static_url") or "/static/"),
        "static_root": str(root or ""),
        "backend_prefix": prefix,
    }


def rendered_paths() -> list[str]:
    """The paths :func:`render` writes (whatever the options)."""
    with tempfile.TemporaryDirectory() as tmp:
        return render({"settings_module": "x", "static_url": "/static/"}, Path(tmp))


def render(options: dict[str, str], out: Path) -> list[str]:
    """Write the rendered files under ``out``; return their paths, relative to it."""
    files = {
        "deploy/uwsgi.ini": uwsgi_ini(options),
        "deploy/nginx/site.conf": nginx_conf(options),
        "deploy/systemd/combined@.service": systemd_unit(),
        DOC: doc(options),
    }
    for rel, text in files.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return list(files)


def systemd_unit() -> str:
    """The template's unit; the site's settings module reads its own configuration, so
    an environment file is optional (``-``), and the doc is the one adopt wrote."""
    unit = TEMPLATE_ROOT / "deploy" / "systemd" / "combined@.service"
    text = unit.read_text(encoding="utf-8")
    text = _sub(
        text,
        r"^Documentation=file:///srv/combined/docs/deploy\.md$",
        f"Documentation=file:///srv/combined/{DOC}",
        "systemd",
    )
    text = _sub(
        text,
        r"^# The production settings \(see \.env\.production\.example\).*$",
        "# Environment the site's settings read, if any (optional: the leading -).",
        "systemd",
    )
    return _sub(
        text, r"^EnvironmentFile=/srv/combined/", "EnvironmentFile=-/srv/combined/", "systemd"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    render(json.loads(args.options.read_text(encoding="utf-8")), args.out)


if __name__ == "__main__":
    main()
