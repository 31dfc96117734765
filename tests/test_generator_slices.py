"""Features are slices: every combination renders a project with nothing of the rest.

All 16 combinations of the four features are rendered from this repository (no
git, no install: fast). Each must have no line matching a name of a feature it
left out (``manifest.SLICES``), no marker line, and pass ``ruff check``; in the
``generator`` suite each also passes ``manage.py check``, which imports its settings,
apps, models and URLconfs (a second or two each). Then
the pieces: markers with ``else`` and nesting, the one option-to-setting
mapping, the README written for the project, and the prefix in its docs.
Installing and testing projects is test_generator_ci.py (marker ``generator``).
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from combined.tools.generator import manifest
from combined.tools.generator.markers import MARKER, apply_markers
from combined.tools.generator.options import GeneratorError, parse_options
from combined.tools.generator.readme import project_readme, with_prefix
from combined.tools.generator.render import render
from combined.tools.generator.variables import env_text, variables
from core.settings import BASE_DIR
from tests.environment import TEST_ENV

COMBINATIONS = [
    keep
    for size in range(len(manifest.SLICE_NAMES) + 1)
    for keep in itertools.combinations(manifest.SLICE_NAMES, size)
]
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent))


def label(keep: tuple[str, ...]) -> str:
    return "+".join(keep) or "core-only"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Render a combination once per module: ``rendered(keep) -> project folder``."""
    root, done = tmp_path_factory.mktemp("slices"), {}

    def get(keep: tuple[str, ...]) -> Path:
        if keep not in done:
            options = parse_options(name="acme", backend_prefix="/api", features=list(keep))
            render(options, root / label(keep))
            done[keep] = root / label(keep)
        return done[keep]

    return get


def text_files(project: Path):
    for path in sorted(project.rglob("*")):
        if path.is_file():
            try:
                yield path, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue  # images: nothing to name


@pytest.mark.parametrize("keep", COMBINATIONS, ids=label)
def test_a_project_has_nothing_of_the_features_it_left_out(rendered, keep):
    project = rendered(keep)
    left_out = [s for s in manifest.SLICES if s.name not in keep]
    for feature in left_out:
        for pattern in feature.paths:
            assert not list(project.glob(pattern.rstrip("/"))), (feature.name, pattern)
    found = []
    for path, text in text_files(project):
        for number, line in enumerate(text.splitlines(), start=1):
            assert not MARKER.match(line), f"{path}:{number}: marker line left"
            for feature in left_out:
                if any(re.search(name, line) for name in feature.names):
                    found.append(f"[{feature.name}] {path.relative_to(project)}:{number}: {line}")
    assert found == []


@pytest.mark.skipif(RUFF is None, reason="ruff is in the dev extra")
@pytest.mark.parametrize("keep", COMBINATIONS, ids=label)
def test_every_combination_passes_ruff(rendered, keep):
    project = rendered(keep)
    result = subprocess.run(
        [RUFF, "check", "--no-cache", "--quiet", "."], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:]
    formatted = subprocess.run(
        [RUFF, "format", "--check", "--no-cache", "--quiet", "."], cwd=project, capture_output=True
    )
    assert formatted.returncode == 0, formatted.stdout.decode()[-3000:]


@pytest.mark.generator
@pytest.mark.parametrize("keep", COMBINATIONS, ids=label)
def test_every_combination_passes_manage_py_check(rendered, keep):
    """With this template's venv, as the project's own would have it (DEBUG as in the
    README's commands: nothing is served or signed)."""
    drop = set(TEST_ENV) | {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "VIRTUAL_ENV"}
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PYTEST_")}
    checked = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=rendered(keep),
        env={**env, "DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "System check identified no issues" in checked.stdout


def test_each_feature_is_in_a_full_project_and_names_match_in_the_template(rendered):
    """The names are real: each matches somewhere in the project that has the feature."""
    project = rendered(manifest.SLICE_NAMES)
    texts = [text for _path, text in text_files(project)]
    for feature in manifest.SLICES:
        for name in feature.names:
            assert any(re.search(name, text) for text in texts), (feature.name, name)


def test_the_template_marks_only_known_features():
    from combined.tools.generator.tree import KNOWN_KINDS, matches, source_files

    for rel in source_files(BASE_DIR):
        if matches(rel, manifest.THIRD_PARTY):
            continue  # other projects' files, as published: never rendered
        try:
            text = (BASE_DIR / rel).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        kinds = {m["kind"] for line in text.splitlines() if (m := MARKER.match(line))}
        assert kinds <= KNOWN_KINDS, rel


def test_rendering_is_deterministic(rendered, tmp_path):
    again = tmp_path / "again"
    render(parse_options(name="acme", backend_prefix="/api", features=["tenancy"]), again)
    first = rendered(("tenancy",))
    files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    assert files == {p.relative_to(again) for p in again.rglob("*") if p.is_file()}
    assert all((first / f).read_bytes() == (again / f).read_bytes() for f in files)


# -- the README and docs of a project ---------------------------------------------


def test_readme_is_written_for_the_site(rendered):
    readme = (rendered(("example", "tenancy")) / "README.md").read_text()
    assert readme.startswith("# Acme\n\nAcme runs a **Django site and a Flask backend")
    assert "- the sample notes app" in readme and "- per-tenant Flask backends" in readme
    assert "## Two commands" in readme and "## Template updates" in readme
    for template_text in ("A template for", "Start a new project", "docs/generator.md"):
        assert template_text not in readme
    assert "/backend" not in readme.replace("`/backend`", "")  # the default, in the table
    assert "/api/api" not in readme


def test_core_only_readme_says_so_and_links_nothing_missing(rendered):
    project = rendered(())
    readme = (project / "README.md").read_text()
    assert "It has the core only" in readme
    for link in re.findall(r"\]\(((?:docs|tests)/[^)#]+)", readme):
        assert (project / link).exists(), link


@pytest.mark.parametrize(
    ("prefix", "text", "expected"),
    [
        ("/api", "`GET /backend/api/me` and /backend/", "`GET /api/me` and /api/"),
        ("/site", "`GET /backend/api/me` and /backend/", "`GET /site/api/me` and /site/"),
        ("/api", "`/backend/acme/api/notes`", "`/api/acme/notes`"),
        ("/api", "see templates/backend/index.html", "see templates/backend/index.html"),
        ("/api", "| `PREFIX` | `/backend` | default |", "| `PREFIX` | `/backend` | default |"),
        ("/api", "```\n P (/backend) │ x\n```", "```\n P (/api)     │ x\n```"),
    ],
)  # fmt: skip
def test_docs_take_the_chosen_prefix(prefix, text, expected):
    assert with_prefix(text, prefix) == expected


def test_env_and_readme_come_from_one_mapping():
    options = parse_options(
        name="acme", domain="acme.test", tenancy="subdomain", database="postgresql"
    )
    env = dict(
        line.split("=", 1)
        for line in env_text(options, "k" * 50).splitlines()
        if line and not line.startswith("#")
    )
    readme = project_readme((BASE_DIR / "README.md").read_text(), options)
    section = readme.split("## This project's settings")[1].split("\n## ")[0]
    table = dict(re.findall(r"^\| `([A-Z_]+)` \| `([^`]*)` \|", section, flags=re.MULTILINE))
    assert env.pop("SECRET_KEY") == "k" * 50 and "k" * 50 not in readme
    assert env.pop("DEBUG") == "true"  # a development checkout's file, whatever the options
    assert env == table == {v.name: v.value for v in variables(options)}
    assert env["ALLOWED_HOSTS"] == ".acme.test,localhost,127.0.0.1,[::1]"
    assert env["TENANCY_DOMAIN"] == "acme.test"
    assert "createdb acme" in readme


@pytest.mark.parametrize(
    ("options", "absent"),
    [
        ({"domain": "acme.test"}, {"TENANCY", "TENANCY_DOMAIN"}),
        ({"domain": "acme.test", "tenancy": "path"}, {"TENANCY_DOMAIN"}),
        ({"domain": "acme.test", "without": "tenancy"}, {"TENANCY", "TENANCY_DOMAIN"}),
    ],
)
def test_tenancy_domain_only_with_subdomain_tenancy(options, absent):
    written = {v.name for v in variables(parse_options(name="acme", **options))}
    assert not written & absent
    assert "ALLOWED_HOSTS" in written


# -- markers ------------------------------------------------------------------------


def keep(*kinds: str):
    return set(kinds).__contains__


def test_a_region_is_kept_or_dropped_with_its_feature():
    text = "a\n# example:begin\nb\n# example:end\nc\n"
    assert apply_markers(text, keep("example")) == "a\nb\nc\n"
    assert apply_markers(text, keep()) == "a\nc\n"


def test_the_else_branch_is_uncommented_when_the_feature_is_left_out():
    text = (
        "x = 1\n# takeover:begin\ny = 2\n"
        "# takeover:else\n# y = 3\n#     # indented\n# takeover:end\n"
    )
    assert apply_markers(text, keep("takeover")) == "x = 1\ny = 2\n"
    assert apply_markers(text, keep()) == "x = 1\ny = 3\n    # indented\n"
    html = "{# example:begin #}\n<p>a</p>\n{# example:else #}\n{# <p>b</p> #}\n{# example:end #}\n"
    assert apply_markers(html, keep()) == "<p>b</p>\n"
    md = "<!-- bench:begin -->\nx\n<!-- bench:else -->\n<!-- y -->\n<!-- bench:end -->\n"
    assert apply_markers(md, keep()) == "y\n"


def test_nested_regions_need_both_features():
    text = "# example:begin\na\n# tenancy:begin\nb\n# tenancy:end\n# example:end\n"
    assert apply_markers(text, keep("example", "tenancy")) == "a\nb\n"
    assert apply_markers(text, keep("example")) == "a\n"
    assert apply_markers(text, keep("tenancy")) == ""


def test_template_only_regions_never_reach_a_project():
    text = (
        "<!-- template-only:begin -->\nt\n"
        "<!-- template-only:else -->\n<!-- p -->\n<!-- template-only:end -->\n"
    )
    assert apply_markers(text, keep("template-only")) == "p\n"


def test_gaps_close_as_if_the_markers_were_never_there():
    imports = (
        "import os\n\nfrom a import b\n\n"
        "# example:begin\nfrom a import c\n\n# example:end\nfrom a import d\n"
    )
    assert apply_markers(imports, keep(), where="m.py", first_party=frozenset({"a"})) == (
        "import os\n\nfrom a import b\nfrom a import d\n"
    )
    assert apply_markers(imports, keep("example"), where="m.py", first_party=frozenset({"a"})) == (
        "import os\n\nfrom a import b\nfrom a import c\nfrom a import d\n"
    )
    functions = (
        "def a():\n    pass\n\n\n# example:begin\ndef b():\n    pass\n\n\n"
        "# example:end\n\n\ndef c():\n    pass\n"
    )
    assert (
        apply_markers(functions, keep(), where="m.py")
        == "def a():\n    pass\n\n\ndef c():\n    pass\n"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a\n# example:begin\nb\n", "f.py:2: example:begin is never closed"),
        ("# example:end\n", "f.py:1: example:end without a matching example:begin"),
        ("# example:begin\n<!-- example:begin -->\n", "f.py:2: example:begin inside example:begin"),
        ("# example:begin\n# template-only:end\n", "f.py:2: template-only:end without"),
        ("# bench:begin\n# bench:else\n# bench:else\n", "f.py:3: a second bench:else"),
        ("# bench:begin\n# bench:else\nx = 1\n", "f.py:3: a line of the bench:else branch is not"),
    ],
)  # fmt: skip
def test_broken_markers_stop_the_generator(text, problem):
    with pytest.raises(GeneratorError, match="^combined new: template: " + re.escape(problem)):
        apply_markers(text, keep(), where="f.py")
