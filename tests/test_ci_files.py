"""The files that make the project ready to push: the GitHub workflow, the pre-commit
hooks, and the test run's note on the suites it left out.

The workflow is checked against GitHub's published schema, as vendored by
check-jsonschema (no network); the hooks are run for real on a file they must refuse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import yaml

from tests.servers import BIN, ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"


def run(*args: str, cwd=ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=300
    )


def validate_workflow(path) -> subprocess.CompletedProcess[str]:
    schema = ["--builtin-schema", "vendor.github-workflows"]
    return run(str(BIN / "check-jsonschema"), *schema, str(path))


def test_the_workflow_is_valid_for_github_and_runs_ci_run():
    result = validate_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["ci"]["steps"]
    assert [step["run"] for step in steps if "run" in step][-1] == "bash .ci/run"


def test_the_schema_check_refuses_a_broken_workflow(tmp_path):
    broken = yaml.safe_load(WORKFLOW.read_text())
    del broken["jobs"]["ci"]["runs-on"]
    (tmp_path / "ci.yml").write_text(yaml.safe_dump(broken))
    result = validate_workflow(tmp_path / "ci.yml")
    assert result.returncode == 1
    assert "runs-on" in result.stdout


def test_pre_commit_config_is_valid():
    result = run(str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hooks_refuse_lint_errors_and_reformat(tmp_path):
    repo = tmp_path / "repo"
    (repo / ".venv" / "bin").mkdir(parents=True)
    (repo / ".venv" / "bin" / "ruff").symlink_to(BIN / "ruff")
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy(ROOT / name, repo / name)
    (repo / "bad.py").write_text('import os\nx = {"a":1}\n')
    run("git", "init", "-q", cwd=repo)
    run("git", "add", "-A", cwd=repo)
    result = run(
        str(BIN / "pre-commit"), "run", "--all-files", cwd=repo, PRE_COMMIT_HOME=str(tmp_path)
    )
    assert result.returncode == 1
    assert "F401" in result.stdout  # ruff check: `os` imported but unused
    assert (repo / "bad.py").read_text().endswith('x = {"a": 1}\n')  # ruff format fixed it


def test_the_default_run_says_which_suites_it_left_out_and_how_to_run_them(tmp_path):
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n\n"
        "@pytest.mark.postgres\ndef test_on_postgres(): pass\n\n"
        "@pytest.mark.scale\ndef test_under_load(): pass\n\n"
        "@pytest.mark.generator\ndef test_new_project(): pass\n\n"
        "def test_plain(): pass\n"
    )
    # This project's pyproject (its -m deselection) and conftest (the summary hook).
    result = run(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                 "-c", "pyproject.toml", "--rootdir", ".", "-p", "tests.conftest",
                 str(tmp_path / "test_sample.py"))  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "1 passed, 3 deselected" in out
    assert "suites left out of this run" in out
    assert "postgres: 1 tests, proves a run was on PostgreSQL" in out
    assert "run: bash .ci/services.sh && bash .ci/suites/15-postgres.sh" in out
    assert "scale: 1 tests, needs nginx, PostgreSQL and Redis" in out
    assert "run: bash .ci/services.sh && bash .ci/suites/10-scale.sh" in out
    # template-only:begin
    assert "generator: 1 tests" in out and "run: bash .ci/suites/40-generator.sh" in out
    # template-only:end
