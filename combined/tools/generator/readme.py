"""The new project's README and docs: written for its owner, with its own prefix.

The template's README is for people who use the template; a project's README is
for the people who run that site. So the project gets a head rendered from
``templates/readme_head.md.jinja`` (its name, the chosen prefix, the features it
has, its settings from :mod:`combined.tools.generator.variables`), then the template
README's shared sections (its ``template-only`` regions are gone, as are the
regions of features left out), then ``templates/readme_tail.md.jinja`` (how to
take template updates). In the README and ``docs/*.md``, paths under the default
``/backend/`` become the chosen prefix (:func:`with_prefix`).

The template's own README stays plain Markdown, readable on its own: nothing in it
is Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import jinja2

from combined.conf import api_mount
from combined.tools.generator import manifest, tree
from combined.tools.generator.options import ProjectOptions
from combined.tools.generator.variables import readme_table

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_PREFIX = "/backend"
# "/backend/", "/backend/api/", "/backend/acme/api/" and "(/backend)" in prose and
# URLs; not "templates/backend/" (a folder) and not the bare default "`/backend`".
_PREFIXED = re.compile(r"(?<!templates)/backend/(?:([a-z0-9][\w.-]*/)?api/)?|\(/backend\)")


def with_prefix(text: str, prefix: str) -> str:
    """``text`` with the default prefix's paths moved under ``prefix``.

    The API moves with the backend: ``/backend/api/`` becomes ``{prefix}/api/``, or
    ``{prefix}/`` when the API sits at the backend's root (a prefix ending in ``/api``).
    Inside fenced code blocks the columns after a path keep their place.
    """
    if prefix == DEFAULT_PREFIX:
        return text
    api = api_mount(prefix)

    def moved(found: re.Match[str]) -> str:
        if found[0] == f"({DEFAULT_PREFIX})":
            return f"({prefix})"
        tenant = found[1] or ""
        if found[0].endswith("api/"):
            return f"{prefix}/{tenant}{api.lstrip('/')}/".replace("//", "/")
        return f"{prefix}/"

    out, fenced = [], False
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        out.append(_aligned(line, moved) if fenced else _PREFIXED.sub(moved, line))
    return "".join(out)


def _aligned(line: str, moved: Callable[[re.Match[str]], str]) -> str:
    """Replace in a line of a code block, padding or taking spaces to keep columns."""
    pieces, last = [], 0
    for found in _PREFIXED.finditer(line):
        new = moved(found)
        pieces.append(line[last : found.start()] + new)
        last = found.end()
        spaces = len(line[last:]) - len(line[last:].lstrip(" "))
        if len(new) < len(found[0]) and spaces:
            pieces.append(" " * (len(found[0]) - len(new)))
        elif len(new) > len(found[0]):
            last += min(spaces - 1, len(new) - len(found[0])) if spaces > 1 else 0
    return "".join(pieces) + line[last:]


def _environment() -> jinja2.Environment:
    # Markdown, not HTML: nothing to escape. Values are checked options, not user HTML.
    return jinja2.Environment(  # noqa: S701
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def project_readme(template_readme: str, options: ProjectOptions) -> str:
    """The project's README from the template's (``template_readme``, as committed)."""
    createdb = f"createdb {options.database_name}" if options.database == "postgresql" else ""
    context = {
        "name": options.display_name,
        "prefix": options.backend_prefix,
        "api_root": api_mount(options.backend_prefix) == "",
        "features": [s.summary for s in manifest.SLICES if options.has(s.name)],
        "feature_names": ", ".join(options.features) or "none (the core only)",
        "table": readme_table(options),
        "createdb": createdb,
    }
    env = _environment()
    body = tree.render_text(template_readme, options.features, "README.md").lstrip("\n")
    head = env.get_template("readme_head.md.jinja").render(context)
    tail = env.get_template("readme_tail.md.jinja").render(context)
    text = head.rstrip("\n") + "\n\n" + body.rstrip("\n") + "\n" + tail
    return with_prefix(text, options.backend_prefix)


def write_docs(project: Path, template_readme: str, options: ProjectOptions) -> None:
    """Write the project's README and move the docs under the chosen prefix."""
    (project / "README.md").write_text(project_readme(template_readme, options), encoding="utf-8")
    for path in sorted((project / "docs").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        path.write_text(with_prefix(text, options.backend_prefix), encoding="utf-8")
