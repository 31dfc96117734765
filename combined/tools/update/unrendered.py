"""Lines an update moves in files the template does not render.

The merge covers what the renderer writes; two values live elsewhere and follow
the record: an adopted site's requirement pins the layer's commit, and a
generated project's ``.env`` (never committed, written once by ``combined new``)
holds ``BACKEND_PREFIX``. Each is moved only where it still has the value the
tools wrote; a value its owner changed is left alone.
"""

from __future__ import annotations

from pathlib import Path

from combined.tools.update.record import DISTRIBUTION


def move_requirement(project: Path, old: str, new: str) -> None:
    """An adopted site's dependency on the layer names the commit it installs: move it
    (``@COMMIT`` in a requirement line, ``rev = "COMMIT"`` in ``[tool.uv.sources]``)."""
    for folder in [project, *project.parents]:
        for path in [*folder.glob("requirements*"), *folder.glob("requirements/*"),
                     folder / "pyproject.toml"]:  # fmt: skip
            if not path.is_file():
                continue
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            moved = [
                line.replace(old, new) if DISTRIBUTION in line and old in line else line
                for line in lines
            ]
            if moved != lines:
                path.write_text("".join(moved), encoding="utf-8")
                return
        if (folder / ".git").exists():
            break


def move_env_prefix(project: Path, old: str, new: str) -> bool:
    """``.env``'s ``BACKEND_PREFIX=old`` becomes ``new`` (``combined new`` wrote it; a
    value the owner changed stays). True when the line moved."""
    env = project / ".env"
    if not env.is_file():
        return False
    text = env.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    moved = [
        f"BACKEND_PREFIX={new}\n" if line.strip() == f"BACKEND_PREFIX={old}" else line
        for line in lines
    ]
    if moved == lines:
        return False
    env.write_text("".join(moved), encoding="utf-8")
    return True
