"""System check: every template the project names can still be found.

Why: a deleted or renamed template that a Django view still renders -- the vote
view re-rendering the poll's detail page with an error, say -- is a 500 nobody sees
until a user hits it. ``manage.py check`` reports each template name that no engine
finds, for:

* ``{% extends "..." %}`` and ``{% include "..." %}`` with a literal name, in the
  template files of the project's own template folders (both engines' ``DIRS`` and
  app folders inside the project; installed packages are trusted);
* ``template_name`` of the class-based views in the project's own URLconf modules,
  given to ``as_view()`` or set on the class (a package's URLs that the site
  includes, ``django.contrib.auth.urls`` say, are the package's business);
* a literal name passed to ``render``, ``render_to_string``, ``get_template``,
  ``TemplateResponse`` or ``SimpleTemplateResponse`` in the Python modules of the
  project's own apps (read with ``ast``, never imported for this).

Not covered: names computed at run time (variables, f-strings), a generic view's
default name (``polls/question_detail.html`` when it sets no ``template_name``),
and ``{% include %}`` of a list or with Jinja's ``ignore missing``.
"""

from __future__ import annotations

import ast
import re
import sysconfig
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register
from django.template import TemplateDoesNotExist, TemplateSyntaxError, engines
from django.urls import URLResolver, get_resolver

LAYER_DIR = Path(__file__).resolve().parent  # the layer's own code is not the site's
# Installed packages are not the site's code, wherever its environment lives (.venv/,
# venv/, or outside the site's folder).
INSTALLED_DIRS = tuple(
    {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
)

_TAG = re.compile(r"""\{%-?\s*(?:extends|include)\s+(["'])(?P<name>[^"']+)\1(?P<rest>[^%]*)%\}""")
# callable name -> position of the template name among its arguments
_RENDERERS = {
    "render": 1,
    "TemplateResponse": 1,
    "render_to_string": 0,
    "get_template": 0,
    "SimpleTemplateResponse": 0,
}
_HINT = (
    "Restore the template, or change the reference: a template converted to Jinja "
    "lives in the app's jinja2/ folder under the same name."
)


@register(Tags.templates)
def missing_templates(app_configs: Iterable[AppConfig] | None, **kwargs: Any) -> list[CheckMessage]:
    """Error ``site.E001`` for each reference to a template no engine finds."""
    _found.cache_clear()
    return [
        Error(f"uses the template {name!r}, which no template engine finds", hint=_HINT,
              obj=where, id="site.E001")
        for where, name in references(app_configs)
        if not _found(name)
    ]  # fmt: skip


def references(app_configs: Iterable[AppConfig] | None = None) -> Iterator[tuple[str, str]]:
    """(where, template name) for every template reference the check covers."""
    yield from _template_files()
    root = get_resolver()
    yield from _views(root.url_patterns, "/", _module_in_project(root.urlconf_module, False))
    folders = [Path(c.path) for c in app_configs or apps.get_app_configs()]
    modules = {p.resolve() for f in folders if _in_project(f) for p in f.rglob("*.py")}
    yield from _python_calls(sorted(modules))


@cache
def _found(name: str) -> bool:
    for engine in engines.all():
        try:
            engine.get_template(name)
        except TemplateDoesNotExist:
            continue
        except TemplateSyntaxError:
            return True  # it exists; broken syntax is reported when it renders
        return True
    return False


def _base_dir() -> Path:
    """The site's folder: its ``BASE_DIR`` setting, as Django's project template has
    it, else the folder the command runs in (``manage.py``'s)."""
    return Path(getattr(settings, "BASE_DIR", None) or Path.cwd()).resolve()


def _in_project(path: Path) -> bool:
    path, base = path.resolve(), _base_dir()
    if any(path.is_relative_to(d) for d in (LAYER_DIR, base / ".venv", *INSTALLED_DIRS)):
        return False
    return path.is_relative_to(base)


def _shown(path: Path) -> str:
    return path.resolve().relative_to(_base_dir()).as_posix()


def _template_files() -> Iterator[tuple[str, str]]:
    folders = {Path(d).resolve() for engine in engines.all() for d in engine.template_dirs}
    for folder in sorted(f for f in folders if _in_project(f) and f.is_dir()):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            for found in _TAG.finditer(text):
                if "ignore missing" not in found["rest"]:
                    line = text.count("\n", 0, found.start()) + 1
                    yield f"{_shown(path)}:{line}", found["name"]


def _module_in_project(urlconf: object, parent: bool) -> bool:
    """Whether an included URLconf is the project's: its module's file, or for a list
    of patterns (``include([...])``, ``admin.site.urls``) the including URLconf's."""
    file = getattr(urlconf, "__file__", None)
    return _in_project(Path(file)) if file else parent


def _views(patterns: list[Any], prefix: str, own: bool) -> Iterator[tuple[str, str]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = _module_in_project(entry.urlconf_module, own)
            yield from _views(entry.url_patterns, prefix + str(entry.pattern), inner)
            continue
        if not own:
            continue
        view = entry.callback
        name = getattr(view, "view_initkwargs", {}).get("template_name") or getattr(
            getattr(view, "view_class", None), "template_name", None
        )
        if isinstance(name, str):
            yield f"the view of URL {prefix}{entry.pattern} ({entry.lookup_str})", name


def _python_calls(modules: list[Path]) -> Iterator[tuple[str, str]]:
    for path in modules:
        if "migrations" in path.parts or path.name == "tests.py" or path.name.startswith("test"):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except SyntaxError:
            continue  # Python reports that itself, on import
        for node in ast.walk(tree):
            name = _literal_template(node)
            if name is not None:
                yield f"{_shown(path)}:{node.lineno}", name


def _literal_template(node: ast.AST) -> str | None:
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if called not in _RENDERERS:
        return None
    position = _RENDERERS[called]
    candidates = [kw.value for kw in node.keywords if kw.arg in {"template_name", "template"}]
    if len(node.args) > position:
        candidates.append(node.args[position])
    for value in candidates:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            return value.value
    return None
