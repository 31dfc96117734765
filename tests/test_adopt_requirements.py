"""Where ``combined adopt`` puts the layer's requirement, and which site files rule it out.

The pure parts of adoption, on small made-up sites (folders of dependency files): the
file chosen for each layout real projects have (a ``requirements.txt`` that includes
``requirements/base.txt``, Poetry, a one-line ``[project] dependencies``), the ranges
and included pins that leave no version for the layer, a hash-locked file with no
source, line endings kept, and the settings module ``manage.py`` sets either way.
tests/test_adopt.py runs the command end to end.
"""

from __future__ import annotations

import subprocess

import pytest
from packaging.specifiers import SpecifierSet

from combined.tools.adopt import checks, constraints, requirements
from combined.tools.adopt.files import edit
from combined.tools.manage_py import manage_py_settings

LINE = "django-flask-combined @ git+https://example.test/t.git@abc123"
NEEDS = ["Django>=5.2,<6.0", "Flask>=3.1,<3.2", "Werkzeug>=3.1,<3.2"]


def files(root, texts):
    for name, text in texts.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


@pytest.mark.parametrize(
    ("site", "need", "meet"),
    [
        (">5.2", ">=5.2,<5.3", True),  # only versions just above 5.2: 5.2.1 is in both
        ("<5.0", ">=5.2,<6", False),
        ("~=5.1", ">=5.2,<6", True),
        ("==5.2.*", ">=5.2.3", True),
        (">=6", ">=5.2,<6", False),
        ("", ">=5.2", True),
        ("===5.2-custom", ">=5.2", True),  # cannot tell: never a refusal
    ],
)
def test_two_ranges_meet_when_a_version_is_in_both(site, need, meet):
    assert constraints.overlap(SpecifierSet(site), SpecifierSet(need)) is meet


def test_ranges_and_pins_in_included_files_rule_the_layer_out(tmp_path):
    site = files(
        tmp_path,
        {
            "requirements.txt": "Django>=4.2,<5.0  # LTS\n-r deps/base.txt\n",
            "deps/base.txt": (
                'Werkzeug==3.0.1 \\\n    --hash=sha256:00\nflask<4 ; python_version < "3"\n'
            ),
        },
    )
    assert constraints.clashes(site, NEEDS) == [
        "requirements.txt asks for Django<5.0,>=4.2, the layer needs Django<6.0,>=5.2",
        "deps/base.txt pins Werkzeug==3.0.1, the layer needs Werkzeug<3.2,>=3.1",
    ]  # flask<4 is for Python 2 only: not this interpreter's


def test_a_site_that_allows_the_layers_versions_has_no_clash(tmp_path):
    site = files(tmp_path, {"requirements.txt": "Django>=4.2\nFlask\nwerkzeug~=3.1.0\n"})
    assert constraints.clashes(site, NEEDS) == []


def test_the_base_file_every_install_includes_gets_the_line(tmp_path):
    site = files(
        tmp_path,
        {
            "requirements.txt": "-r requirements/base.txt\n",
            "requirements/base.txt": "Django==5.2.8\n",
            "requirements/local.txt": "-r base.txt\npytest\n",
        },
    )
    chosen = requirements.plan(site)
    assert chosen.file == site / "requirements" / "base.txt"
    requirements.add(chosen, LINE)
    assert (site / "requirements" / "base.txt").read_text().endswith(f"{LINE}\n")


def test_a_hash_locked_file_without_a_source_is_refused(tmp_path):
    site = files(
        tmp_path,
        {
            "requirements.txt": "-r requirements/base.txt\n",
            "requirements/base.txt": "Django==5.2.8 \\\n    --hash=sha256:00\n",
        },
    )
    with pytest.raises(ValueError, match=r"requirements/base.txt is hash-locked \(--hash\)"):
        requirements.plan(site)


def test_poetry_and_one_line_dependency_lists(tmp_path):
    poetry = files(
        tmp_path / "poetry",
        {
            "pyproject.toml": (
                '[tool.poetry.dependencies]\npython = "^3.11"\n\n[build-system]\nx = 1\n'
            ),
            "poetry.lock": "",
        },
    )
    chosen = requirements.plan(poetry)
    assert (chosen.kind, chosen.relock) == ("poetry", "poetry lock")
    requirements.add(chosen, LINE)
    text = (poetry / "pyproject.toml").read_text()
    assert 'python = "^3.11"\n# the Django+Flask layer' in text
    assert 'django-flask-combined = { git = "https://example.test/t.git", rev = "abc123" }' in text
    assert text.endswith("\n\n[build-system]\nx = 1\n")

    inline = '[project]\nname = "x"\ndependencies = ["Django>=5.2"]  # pinned\n'
    one_line = files(tmp_path / "inline", {"pyproject.toml": inline})
    requirements.add(requirements.plan(one_line), LINE)
    assert (
        f'dependencies = ["Django>=5.2", "{LINE}"]  # pinned'
        in (one_line / "pyproject.toml").read_text()
    )
    empty = files(tmp_path / "empty", {"pyproject.toml": "[project]\ndependencies = []\n"})
    assert f'dependencies = ["{LINE}"]' in requirements.edited(
        requirements.plan(empty), LINE, (empty / "pyproject.toml").read_text()
    )
    table = files(tmp_path / "table", {"pyproject.toml": "[project]\ndependencies = 3\n"})
    with pytest.raises(ValueError, match="not a list adopt can extend"):
        requirements.edited(requirements.plan(table), LINE, "[project]\ndependencies = 3\n")


def test_a_crlf_file_keeps_its_line_endings(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_bytes(b"Django>=5.2\r\nFlask\r\n")
    edit(path, lambda text: text + "added\n")
    assert path.read_bytes() == b"Django>=5.2\r\nFlask\r\nadded\r\n"


@pytest.mark.parametrize(
    "line",
    [
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings.dev")',
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'site.settings.dev'",  # set outright
    ],
)
def test_the_settings_module_manage_py_sets(tmp_path, line):
    manage_py = tmp_path / "manage.py"
    manage_py.write_text(f"import os\n{line}\n")
    assert manage_py_settings(manage_py) == "site.settings.dev"


@pytest.mark.parametrize(
    ("stderr", "shown"),
    [
        ("Traceback (most recent call last):\n  File ...\nRuntimeError: boom\nmore\n",
         "RuntimeError: boom"),  # the exception, not its message's last line
        ("a warning of the site's own\n  dotenv.read_dotenv()\n",
         "dotenv.read_dotenv(), exit status 3"),  # sys.exit(3): no exception to show
        ("", "no output, exit status 3"),
    ],
)  # fmt: skip
def test_a_settings_module_that_fails_is_named_by_its_exception(stderr, shown):
    failed = subprocess.CompletedProcess(["python", "manage.py"], 3, "", stderr)
    assert checks._what_failed(failed) == shown
