"""Read docs/migration.md as a script: its tagged code blocks are the steps tests perform.

Why: the guide's snippets must be the ones that work. Each fenced block in the guide
follows an HTML comment (invisible on GitHub) that says what a test does with it:

    <!-- polls STEP: write PATH -->   the block is the new content of PATH
    <!-- polls STEP: patch PATH -->   a ```diff block: its " "/"-" lines, found once in
                                      PATH, become its " "/"+" lines
    <!-- polls STEP: run -->          ```sh lines: git mv A B, git rm A, mkdir -p D
    <!-- verbatim PATH -->            the block appears word for word in PATH
    <!-- command -->                 ```sh lines a test runs as they are written

``polls`` steps are applied in order to a project holding the tutorial's polls app
(tests/test_polls_migration.py does it in a generated project, step by step, running
the app's tests in between; tests/migration/test_docs.py applies them all to a copy).
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "migration.md"
_BLOCK = re.compile(
    r"(?:<!--\s*(?P<tag>[^>]*?)\s*-->\n)?```(?P<lang>[\w-]*)\n(?P<body>.*?)^```$", re.S | re.M
)


@dataclass(frozen=True)
class Block:
    tag: str  # the comment before the block ("" if none)
    lang: str
    body: str


@dataclass(frozen=True)
class Action:
    step: str
    kind: str  # write, patch, run
    path: str
    body: str


def blocks(text: str | None = None) -> list[Block]:
    text = GUIDE.read_text(encoding="utf-8") if text is None else text
    return [Block(m["tag"] or "", m["lang"], m["body"]) for m in _BLOCK.finditer(text)]


def actions(app: str = "polls") -> list[Action]:
    found = []
    for block in blocks():
        words = block.tag.split()
        if len(words) >= 3 and words[0] == app and words[1].endswith(":"):
            path = words[3] if len(words) > 3 else ""
            found.append(Action(words[1][:-1], words[2], path, block.body))
    return found


def steps(app: str = "polls") -> list[str]:
    return list(dict.fromkeys(a.step for a in actions(app)))


def commands() -> list[str]:
    """The lines of every ``<!-- command -->`` block."""
    return [line for b in blocks() if b.tag == "command" for line in _lines(b.body)]


def _lines(body: str) -> Iterator[str]:
    return (line.strip() for line in body.splitlines() if line.strip())


def apply(project: Path, step: str, app: str = "polls") -> None:
    """Do the guide's ``step`` in ``project``: write, patch and move its files."""
    for action in (a for a in actions(app) if a.step == step):
        target = project / action.path
        if action.kind == "write":
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(action.body, encoding="utf-8")
        elif action.kind == "patch":
            target.write_text(patched(target.read_text(encoding="utf-8"), action), "utf-8")
        elif action.kind == "run":
            for line in _lines(action.body):
                _run(project, line)
        else:
            raise ValueError(f"unknown action {action.kind!r} in step {step}")


def patched(text: str, action: Action) -> str:
    lines = [line or " " for line in action.body.splitlines()]  # editors strip a blank " "
    old = "".join(line[1:] + "\n" for line in lines if line[:1] in {" ", "-"})
    new = "".join(line[1:] + "\n" for line in lines if line[:1] in {" ", "+"})
    count = text.count(old)
    if count != 1:
        raise AssertionError(f"step {action.step}: {action.path} has {count} copies of:\n{old}")
    return text.replace(old, new)


def _run(project: Path, line: str) -> None:
    words = shlex.split(line)
    match words:
        case ["git", "mv", source, target]:
            if not (project / target).parent.is_dir():  # git mv refuses it too
                raise AssertionError(f"{line}: the folder of {target} does not exist")
            shutil.move(project / source, project / target)
        case ["git", "rm", path]:
            (project / path).unlink()
        case ["mkdir", "-p", path]:
            (project / path).mkdir(parents=True, exist_ok=True)
        case _:
            raise ValueError(f"the guide's steps may only move, remove or make files: {line}")


# The commands of the guide's ``<!-- command -->`` blocks, as tests/test_polls_migration.py
# runs them (the guide may name no other).
MIGRATE = "DEBUG=true .venv/bin/python manage.py migrate"
TEST_APP = "python3 dev.py test apps/polls"
DJANGO_TEST_APP = "DEBUG=true .venv/bin/python manage.py test polls"
TEST_ALL = "python3 dev.py test"
ROUTES = "DEBUG=true .venv/bin/combined routes"
CHECK = "DEBUG=true .venv/bin/python manage.py check"
COMMANDS = (MIGRATE, TEST_APP, DJANGO_TEST_APP, TEST_ALL, ROUTES, CHECK)
