"""``combined new``: options are checked before anything is written; a good run
makes a committed project with its own name, key, settings and template record.

These generate from this repository into temporary folders (fast: a copy and a
git commit). The features left out are checked in test_generator_slices.py;
installing and testing generated projects is the slow ``generator`` suite in
test_generator_ci.py, and ``combined update`` is test_template_update.py.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from combined.tools.generator import GeneratorError, generate, manifest, tree
from combined.tools.generator.command import new
from combined.tools.generator.markers import MARKER
from combined.tools.generator.options import parse_options
from combined.tools.generator.project import template_version
from combined.tools.update.record import RECORD_FILE, TemplateRecord
from core.settings import BASE_DIR
from tests.environment import TEST_ENV


def make(dest: Path, **options: object):
    return generate(parse_options(dest=dest, **options))


def run_new(*args: str):
    return CliRunner().invoke(new, [str(a) for a in args])


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout.strip()


def env_file(project: Path) -> dict[str, str]:
    lines = (project / ".env").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def clean_env() -> dict[str, str]:
    """This process's environment minus what the test plugin pinned, so .env counts."""
    drop = set(TEST_ENV) | {"DJANGO_SETTINGS_MODULE", "PYTHONPATH"}
    return {k: v for k, v in os.environ.items() if k not in drop}


@pytest.fixture(scope="module")
def acme(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("gen") / "acme-site"
    make(dest, name="acme-site", domain="acme.test", backend_prefix="api/")
    return dest


@pytest.fixture(scope="module")
def minimal(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("gen") / "mini"
    make(dest, without="example", database="postgresql", tenancy="path")
    return dest


# -- bad input: a clear error, and nothing written ---------------------------------


def assert_nothing_written(parent: Path, before: set[str]) -> None:
    assert {p.name for p in parent.iterdir()} == before


@pytest.mark.parametrize(
    "name", ["1site", "-site", "site-", "a--b", "acme.site", "acme/site", "ac me!", "x" * 51, ""]
)
def test_invalid_name_is_refused(tmp_path, name):
    result = run_new(tmp_path / "dest", "--name", name)
    assert result.exit_code == 1
    assert result.output.startswith("combined new: --name: ")
    assert "e.g. acme-site" in result.output
    assert_nothing_written(tmp_path, set())


def test_folder_name_that_is_no_project_name_needs_name(tmp_path):
    result = run_new(tmp_path / "2024_site")
    assert "combined new: --name: '2024_site' is not a project name" in result.output
    assert_nothing_written(tmp_path, set())


@pytest.mark.parametrize("prefix", ["/", "", "//", "/a b", "/../x", "/admin", "/static/x"])
def test_bad_backend_prefix_is_refused(tmp_path, prefix):
    result = run_new(tmp_path / "dest", "--backend-prefix", prefix)
    assert result.exit_code == 1
    assert result.output.startswith("combined new: --backend-prefix: ")
    assert_nothing_written(tmp_path, set())


@pytest.mark.parametrize(("option", "value"), [("--database", "mysql"), ("--tenancy", "domain")])
def test_unknown_choice_is_refused_by_the_command(tmp_path, option, value):
    result = run_new(tmp_path / "dest", option, value)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': '{value}' is not one of" in result.output
    assert_nothing_written(tmp_path, set())


@pytest.mark.parametrize(("field", "value"), [("database", "mysql"), ("tenancy", "domain")])
def test_unknown_choice_is_refused_by_the_api(tmp_path, field, value):
    with pytest.raises(GeneratorError, match=f"^combined new: --{field}: Input should be"):
        parse_options(dest=tmp_path / "dest", **{field: value})


def test_unknown_feature_is_refused_with_the_list(tmp_path):
    result = run_new(tmp_path / "dest", "--without", "tenancy,celery")
    assert result.exit_code == 1
    assert result.output.startswith("combined new: --without: unknown feature 'celery'; ")
    assert "the features are example, tenancy, takeover, bench" in result.output
    assert_nothing_written(tmp_path, set())


def test_tenancy_mode_needs_the_tenancy_feature(tmp_path):
    result = run_new(tmp_path / "dest", "--without", "tenancy", "--tenancy", "path")
    assert result.output.startswith("combined new: --tenancy: --tenancy path needs the tenancy")
    assert_nothing_written(tmp_path, set())


@pytest.mark.parametrize("domain", ["acme", "-acme.test", "acme..test", "acme.test:8000", "a b"])
def test_bad_domain_is_refused(tmp_path, domain):
    if domain == "acme":  # a single label is a valid name (like localhost)
        assert parse_options(dest=tmp_path / "d", domain=domain).domain == "acme"
        return
    result = run_new(tmp_path / "dest", "--domain", domain)
    assert result.output.startswith("combined new: --domain: ")
    assert_nothing_written(tmp_path, set())


def test_subdomain_tenancy_needs_a_domain(tmp_path):
    result = run_new(tmp_path / "dest", "--tenancy", "subdomain")
    assert result.output.startswith("combined new: --tenancy: --tenancy subdomain needs --domain")
    assert_nothing_written(tmp_path, set())


def test_non_empty_dest_is_refused_and_left_alone(tmp_path):
    dest = tmp_path / "site"
    dest.mkdir()
    (dest / "keep.txt").write_text("mine")
    result = run_new(dest)
    assert result.exit_code == 1
    assert result.output.startswith("combined new: DEST: ")
    assert "exists and is not an empty folder" in result.output
    assert [p.name for p in dest.iterdir()] == ["keep.txt"]
    assert_nothing_written(tmp_path, {"site"})


def test_dest_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "site").write_text("x")
    assert "not an empty folder" in run_new(tmp_path / "site").output
    assert (tmp_path / "site").read_text() == "x"


def test_dest_with_missing_parent_is_refused(tmp_path):
    result = run_new(tmp_path / "no" / "such" / "site")
    assert "combined new: DEST: the folder" in result.output
    assert_nothing_written(tmp_path, set())


def test_dest_inside_the_template_is_refused():
    with pytest.raises(GeneratorError, match="is inside the template"):
        make(BASE_DIR / "new-site")
    assert not (BASE_DIR / "new-site").exists()


def test_an_installed_copy_without_the_source_tree_says_so(tmp_path):
    (tmp_path / "installed" / "combined").mkdir(parents=True)
    with pytest.raises(GeneratorError, match="not a checkout of the template"):
        generate(parse_options(dest=tmp_path / "site"), template=tmp_path / "installed")
    assert not (tmp_path / "site").exists()


def test_a_failure_half_way_leaves_nothing_behind(tmp_path, monkeypatch):
    from combined.tools.generator import project

    def broken(work: Path) -> None:
        raise GeneratorError("git", "git commit failed: simulated")

    monkeypatch.setattr(project, "_first_commit", broken)
    with pytest.raises(GeneratorError, match="simulated"):
        make(tmp_path / "site")
    assert_nothing_written(tmp_path, set())


# -- a good run ------------------------------------------------------------------


def test_new_prints_what_it_made_and_the_next_two_commands(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run_new("my-site", "--without", "bench,takeover")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Created My Site in ")
    assert "\nFeatures: example, tenancy.\n" in result.output
    assert result.output.endswith("Next:\n  cd my-site\n  python3 dev.py serve\n")
    assert (tmp_path / "my-site" / "dev.py").is_file()


def test_empty_dest_folder_is_used_in_place(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    inode = (tmp_path / "site").stat().st_ino
    monkeypatch.chdir(tmp_path / "site")
    make(Path("."))
    assert (tmp_path / "site").stat().st_ino == inode  # the shell's folder stays valid
    assert (tmp_path / "site" / "manage.py").is_file()
    assert git(tmp_path / "site", "rev-list", "--count", "HEAD") == "1"
    assert (tmp_path / "site" / "README.md").read_text().startswith("# Site\n")
    assert_nothing_written(tmp_path, {"site"})  # no temporary folder left over


def test_project_has_its_own_name(acme):
    pyproject = tomllib.loads((acme / "pyproject.toml").read_text())
    assert pyproject["project"]["name"] == "acme-site"
    # the packages are kept
    assert pyproject["project"]["scripts"] == {"combined": "combined.tools.entry:main"}
    assert (acme / "README.md").read_text().startswith("# Acme Site\n")
    settings_source = (acme / "core" / "settings.py").read_text()
    assert 'DEFAULT_SITE_NAME = "Acme Site"\n' in settings_source


def test_templates_take_the_site_name_from_one_place(acme):
    hardcoded = [p for p in acme.rglob("*.html") if "Combined site" in p.read_text()]
    assert hardcoded == []


def test_env_has_a_fresh_private_key_and_the_chosen_settings(acme, tmp_path):
    env = env_file(acme)
    assert stat.S_IMODE((acme / ".env").stat().st_mode) == 0o600
    assert len(env["SECRET_KEY"]) >= 50
    assert env["BACKEND_PREFIX"] == "/api"
    assert env["ALLOWED_HOSTS"] == "acme.test,localhost,127.0.0.1,[::1]"
    assert "TENANCY" not in env and "TENANCY_DOMAIN" not in env  # the defaults: no tenancy
    assert "DATABASE_URL" not in env  # SQLite, the default
    other = tmp_path / "other"
    make(other)
    assert env_file(other)["SECRET_KEY"] != env["SECRET_KEY"]


def test_postgresql_and_subdomain_choices_reach_env(minimal, tmp_path):
    env = env_file(minimal)
    assert env["DATABASE_URL"] == "postgres://localhost/mini"
    assert env["TENANCY"] == "path"
    assert "TENANCY_DOMAIN" not in env  # only subdomain tenancy has one
    assert "createdb mini" in (minimal / "README.md").read_text()
    sub = tmp_path / "sub"
    make(sub, name="Acme Site", domain="Acme.Test", tenancy="subdomain")
    assert env_file(sub)["ALLOWED_HOSTS"].startswith(".acme.test,")
    assert env_file(sub)["TENANCY_DOMAIN"] == "acme.test"
    assert (sub / "README.md").read_text().startswith("# Acme Site\n")


def test_one_commit_and_the_env_file_is_not_in_it(acme):
    assert git(acme, "rev-list", "--count", "HEAD") == "1"
    assert git(acme, "status", "--porcelain") == ""
    assert ".env" in (acme / ".gitignore").read_text().splitlines()
    assert git(acme, "check-ignore", ".env") == ".env"
    tracked = git(acme, "ls-files").splitlines()
    assert ".env" not in tracked
    assert {"dev.py", "manage.py", "pyproject.toml", ".ci/run", RECORD_FILE} <= set(tracked)
    secret = env_file(acme)["SECRET_KEY"]
    assert not [f for f in tracked if secret in (acme / f).read_bytes().decode("utf-8", "replace")]


def test_the_project_records_its_template_source_commit_and_options(acme):
    record = TemplateRecord.load(acme)
    assert record.commit == git(BASE_DIR, "rev-parse", "HEAD")
    assert record.source == template_version(BASE_DIR)[0]  # the rule: see the next test
    assert record.options == {
        "name": "acme-site",
        "domain": "acme.test",
        "backend_prefix": "/api",
        "database": "sqlite",
        "tenancy": "none",
        "features": ["example", "tenancy", "takeover", "bench"],
    }


def test_the_source_is_the_origin_when_it_has_the_commit_else_this_checkout(tmp_path):
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    (upstream / "f.txt").write_text("x")
    identity = ["-c", "user.name=t", "-c", "user.email=t@localhost"]
    git(upstream, "init", "-q")
    git(upstream, "add", "f.txt")
    git(upstream, *identity, "commit", "-q", "-m", "one")
    git(tmp_path, "clone", "-q", str(upstream), "clone")
    clone = tmp_path / "clone"
    assert template_version(clone) == (str(upstream), git(clone, "rev-parse", "HEAD"), False)
    (clone / "f.txt").write_text("y")
    assert template_version(clone)[2] is True  # uncommitted changes: combined new warns
    git(clone, *identity, "commit", "-q", "-am", "local only")
    assert template_version(clone)[:2] == (str(clone), git(clone, "rev-parse", "HEAD"))


def test_the_record_names_no_option_of_a_feature_left_out(tmp_path):
    make(tmp_path / "site", without="tenancy")
    options = TemplateRecord.load(tmp_path / "site").options
    assert "tenancy" not in options and "tenancy" not in options["features"]


def test_first_commit_works_when_git_has_no_identity(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    for name in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)
    make(tmp_path / "site")
    site = tmp_path / "site"
    assert git(site, "log", "--format=%an <%ae>") == "combined new <combined-new@localhost>"
    local = subprocess.run(["git", "config", "--local", "--get-regexp", "user"], cwd=site)
    assert local.returncode == 1  # the identity was for that one commit, not saved


def test_generator_and_the_templates_results_are_left_out(acme):
    for path in manifest.GENERATOR_ONLY:
        assert not list(acme.glob(path.rstrip("/"))), path
    assert not list((acme / "docs").glob("benchmarks.*"))  # measured here, not there
    assert (acme / "bench" / "run.py").is_file()  # the tool itself comes with the feature
    readme = (acme / "README.md").read_text()
    assert "## Start a new project" not in readme and "docs/generator.md" not in readme


def test_no_marker_lines_are_left(acme, minimal):
    for project in (acme, minimal):
        for path in project.rglob("*"):
            if path.is_file() and ".git" not in path.parts:
                text = path.read_bytes().decode("utf-8", "replace")
                assert not any(MARKER.match(line) for line in text.splitlines()), path


def test_full_project_keeps_the_example(acme):
    assert (acme / "django_site" / "notes" / "models.py").is_file()
    assert '"django_site.notes",' in (acme / "django_site" / "settings.py").read_text()


@pytest.mark.parametrize("variant", ["acme", "minimal"])
def test_generated_project_passes_django_checks(variant, request):
    project = request.getfixturevalue(variant)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        cwd=project,
        env={**clean_env(), "DATABASE_URL": "sqlite:///:memory:"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_generated_project_reads_its_env(acme):
    code = "from core.environment import get_settings as g; s = g(); print(s.backend_prefix)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=acme, env=clean_env(), capture_output=True, text=True
    )
    assert result.stdout.strip() == "/api", result.stderr


def test_generated_cli_has_update_and_no_new(acme):
    result = subprocess.run(
        [sys.executable, "-m", "combined.tools.cli", "--help"],
        cwd=acme,
        env={**clean_env(), "PYTHONPATH": str(acme)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    commands = {
        line.split()[0] for line in result.stdout.split("Commands:")[1].splitlines() if line.strip()
    }
    assert commands == {"routes", "run", "startapp", "update"}


# -- the pieces -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug", "display"),
    [
        ("acme-site", "acme-site", "Acme Site"),
        ("Acme Site", "acme-site", "Acme Site"),
        ("acme_site2", "acme-site2", "Acme Site2"),
        ("ACME", "acme", "ACME"),
    ],
)
def test_slug_and_display_name(tmp_path, name, slug, display):
    options = parse_options(dest=tmp_path / "d", name=name)
    assert (options.slug, options.display_name) == (slug, display)


def test_without_git_the_walk_skips_local_state(tmp_path):
    for rel in [
        "dev.py",
        "pkg/mod.py",
        "pkg/__pycache__/mod.pyc",
        ".venv/bin/python",
        "var/db",
        ".env",
        "bench/results/x.csv",
        "x.egg-info/PKG-INFO",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    assert tree.source_files(tmp_path) == ["dev.py", "pkg/mod.py"]


def test_git_listing_is_what_git_tracks_as_it_is_now(tmp_path):
    for rel in ["kept.py", "gone.py", "scratch.txt", "pkg/mod.py"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "kept.py", "gone.py", "pkg/mod.py")
    (tmp_path / "gone.py").unlink()  # deleted but not yet committed: not copied
    (tmp_path / "kept.py").write_text("changed")  # copied as it is now
    assert tree.source_files(tmp_path) == ["kept.py", "pkg/mod.py"]


def test_this_repository_is_listed_by_git():
    files = tree.source_files(BASE_DIR)
    assert {"dev.py", "combined/tools/generator/tree.py"} <= set(files)
    assert not [f for f in files if f.startswith((".venv/", "var/")) or f == ".env"]


def test_a_prefix_over_a_kept_features_pages_is_refused(tmp_path):
    result = run_new(tmp_path / "dest", "--backend-prefix", "/notes")
    assert result.exit_code == 1
    assert result.output.startswith("combined new: --backend-prefix: /notes holds the pages")
    assert "--without example" in result.output
    assert_nothing_written(tmp_path, set())


def test_the_generator_and_the_settings_refuse_the_same_prefixes():
    from combined.conf import RESERVED_SEGMENTS as LAYER
    from combined.tools.generator.manifest import CORE_URL_SEGMENTS
    from core.settings import RESERVED_SEGMENTS

    assert RESERVED_SEGMENTS == {**LAYER, **CORE_URL_SEGMENTS}
