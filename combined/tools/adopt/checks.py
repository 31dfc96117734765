"""The checks ``combined adopt`` makes before it writes anything.

Each refusal is an :class:`AdoptError`: one line naming the problem. What is asked
of the site's settings and URLs is asked of the site's own interpreter, through its
own ``manage.py`` (``combined.tools.adopt.probe``), since the template's environment
does not have the site's dependencies.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from combined.tools.adopt import constraints, requirements
from combined.tools.adopt.files import BEGIN
from combined.tools.adopt.probe import MARK
from combined.tools.generator.render import TEMPLATE_ROOT


class AdoptError(SystemExit):
    def __init__(self, problem: str) -> None:
        super().__init__(f"combined adopt: {problem}")


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)


def find_manage_py(path: Path) -> Path:
    if not path.is_dir():
        raise AdoptError(f"{path} is not a folder")
    if (path / "manage.py").is_file():
        return path / "manage.py"
    found = sorted(path.glob("*/manage.py"))
    if len(found) == 1:
        return found[0]
    if found:
        shown = ", ".join(str(p.relative_to(path)) for p in found)
        raise AdoptError(f"{path} has several manage.py ({shown}): give the folder of one")
    raise AdoptError(f"{path} is not a Django project: it has no manage.py")


def check_git(path: Path) -> Path:
    top = git(path, "rev-parse", "--show-toplevel")
    if top.returncode:
        raise AdoptError(
            f"{path} is not in a git work tree: commit the site to git first, so the "
            "adoption is one commit you can review and undo"
        )
    root = Path(top.stdout.strip())
    status = git(root, "status", "--porcelain", "--untracked-files=normal").stdout
    # The site's own virtualenv, untracked, is where adopt finds its interpreter.
    changes = [line for line in status.splitlines() if not _is_virtualenv(line)]
    if changes:
        first = changes[0].strip()
        raise AdoptError(
            f"the work tree has uncommitted changes ({first} ...): commit or stash them "
            "first, so the adoption is one diff"
        )
    return root


VIRTUALENVS = (".venv", "venv", "env")


def _is_virtualenv(status_line: str) -> bool:
    """``?? .venv/`` (or ``venv/``, ``env/``, in the site's folder too)."""
    code, _, path = status_line.partition(" ")
    return code == "??" and path.strip().endswith("/") and Path(path.strip()).name in VIRTUALENVS


def site_python(site: Path, root: Path, given: Path | None) -> str:
    if given is not None:
        return str(given)
    for folder in (site, root):
        for venv in VIRTUALENVS:
            candidate = folder / venv / "bin" / "python"
            if candidate.is_file():
                return str(candidate)
    return sys.executable


def probe(site: Path, settings_module: str, paths: list[str], python: str) -> dict[str, object]:
    """Ask the site's interpreter, through its own manage.py (its sys.path set-up)."""
    with tempfile.TemporaryDirectory(prefix="combined-probe-") as tmp:
        (Path(tmp) / "combined").symlink_to(TEMPLATE_ROOT / "combined", target_is_directory=True)
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [env.get("PYTHONPATH"), tmp]))
        code = f"from combined.tools.adopt.probe import main; main({paths!r})"
        command = [python, "manage.py", "shell", "-c", code]
        try:
            result = subprocess.run(
                command, cwd=site, env=env, capture_output=True, text=True, timeout=300
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AdoptError(f"could not run {python} manage.py: {exc}") from None
    for line in reversed(result.stdout.splitlines()):
        if line.startswith(MARK):
            answer = json.loads(line.removeprefix(MARK))
            if "error" in answer:
                raise AdoptError(
                    f"the settings module {settings_module} does not load: {answer['error']} "
                    f"({answer['where']})"
                )
            return answer
    raise AdoptError(
        f"the settings module {settings_module} does not load: {_what_failed(result)} "
        f"(asked {python} manage.py; --python names the site's interpreter)"
    )


_RAISED = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b(: .*)?$")


def _what_failed(result: subprocess.CompletedProcess[str]) -> str:
    """The first line of the exception a traceback ends with (its message may run over
    several lines), else the last line of output, else the exit status."""
    lines = (result.stderr.strip() or result.stdout.strip()).splitlines()
    raised = [line for line in lines if _RAISED.match(line)]
    if raised:
        return raised[-1]
    said = f"{lines[-1].strip()}, " if lines else "no output, "
    return f"{said}exit status {result.returncode}"


def _layer_needs() -> list[str]:
    text = (TEMPLATE_ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return list(tomllib.loads(text)["project"]["dependencies"])


def dependency_plan(site: Path, root: Path, line: str) -> requirements.Plan:
    """Where the requirement ``line`` goes; refused when the site's files rule the layer
    out or the chosen file has no shape adopt can extend (checked before writing)."""
    folders = [site] if site == root else [site, root]
    for folder in folders:
        if requirements.mentions(folder):
            raise AdoptError(f"{folder} already names {requirements.DISTRIBUTION}")
        problems = constraints.clashes(folder, _layer_needs())
        if problems:
            raise AdoptError("; ".join(problems) + ": change that requirement first")
    try:
        plans = [requirements.plan(folder) for folder in folders]
        # The site's own file, else its repository's; else the site's, created.
        chosen = next((plan for plan in plans if plan.file.exists()), plans[0])
        text = chosen.file.read_text(encoding="utf-8") if chosen.file.exists() else ""
        requirements.edited(chosen, line, text.replace("\r\n", "\n"))  # a dry run
    except ValueError as exc:
        raise AdoptError(str(exc)) from None
    return chosen


def not_adopted_yet(*files: Path) -> None:
    """A settings module or URLconf that already has the layer's block was adopted
    before: a second block would install the layer's app twice."""
    for path in files:
        if BEGIN in path.read_text(encoding="utf-8", errors="replace"):
            raise AdoptError(
                f"{path} already has a `{BEGIN}` block: the site was adopted before "
                "(combined update brings a later version); remove the block to adopt again"
            )


def settings_siblings(settings_file: Path) -> list[Path]:
    """The other modules of a settings package (``dev.py`` beside ``production.py``),
    which may not import the one ``manage.py`` names: none for a plain module."""
    package = settings_file.parent
    if settings_file.name == "__init__.py" or not (package / "__init__.py").is_file():
        return []
    others = sorted(package.glob("*.py"))
    return [f for f in others if f.name != "__init__.py" and f != settings_file]
