"""Adding the layer to a ``pyproject.toml``: the text edits, keeping the rest as it is.

Why apart: a pyproject is edited as text, not rewritten by a TOML library, so the
site's comments, order and formatting stay as they were and the commit shows the
added lines only. Three shapes are handled: ``[project] dependencies`` (a list over
several lines or on one), uv's ``[tool.uv.sources]`` beside it, and Poetry's
``[tool.poetry.dependencies]`` table. Anything else is a ``ValueError`` naming it,
raised before adopt writes any file.
"""

from __future__ import annotations

import re

from combined.tools.update.record import DISTRIBUTION

COMMENT = "# the Django+Flask layer (combined adopt)"


def add_dependency(text: str, item: str) -> str:
    """``item`` (a requirement string) as the last entry of ``[project] dependencies``."""
    section = _table(text, "project")
    body = text[section[0] : section[1]]
    multi = re.search(r"(?ms)^dependencies\s*=\s*\[(.*?)^\]", body)
    if multi is not None:
        at = section[0] + multi.end(1)
        return text[:at] + f'    "{item}",\n' + text[at:]
    inline = re.search(r"(?m)^dependencies\s*=\s*\[(.*)\]\s*(#.*)?$", body)
    if inline is None:
        raise ValueError("pyproject.toml: [project] dependencies is not a list adopt can extend")
    items = inline[1].strip().rstrip(",")
    at = section[0] + inline.start(1)
    joined = f'{items}, "{item}"' if items else f'"{item}"'
    return text[:at] + joined + text[section[0] + inline.end(1) :]


def add_uv_source(text: str, line: str) -> str:
    """``[tool.uv.sources]``: the layer's git URL and commit (or local folder)."""
    header = "[tool.uv.sources]"
    entry = f"{DISTRIBUTION} = {_source(line)}"
    if header in text:
        return text.replace(header + "\n", f"{header}\n{COMMENT}\n{entry}\n", 1)
    return text.rstrip("\n") + f"\n\n{header}\n{COMMENT}\n{entry}\n"


def add_poetry_dependency(text: str, line: str) -> str:
    """The layer as the last entry of ``[tool.poetry.dependencies]``."""
    end = _table(text, "tool.poetry.dependencies")[1]
    added = text[:end].rstrip("\n") + f"\n{COMMENT}\n{DISTRIBUTION} = {_source(line)}\n"
    rest = text[end:]
    return added + ("\n" + rest if rest else "")


def with_hatch_option(text: str) -> str:
    """hatchling refuses a direct reference (``name @ URL``) unless told: its option."""
    if "hatchling" in text and "allow-direct-references" not in text:
        text += f"\n[tool.hatch.metadata]\n{COMMENT}\nallow-direct-references = true\n"
    return text


def _source(line: str) -> str:
    """``{ git = URL, rev = COMMIT }`` or ``{ path = FOLDER }`` from a requirement line."""
    url = line.split(" @ ", 1)[1]
    if url.startswith("git+"):
        where, _, rev = url.removeprefix("git+").rpartition("@")
        return f'{{ git = "{where}", rev = "{rev}" }}'
    return f'{{ path = "{url.removeprefix("file://localhost")}" }}'


def _table(text: str, name: str) -> tuple[int, int]:
    """Where the body of ``[name]`` starts and ends in ``text``."""
    found = re.search(rf"(?ms)^\[{re.escape(name)}\]\s*$(.*?)(?=^\[|\Z)", text)
    if found is None:
        raise ValueError(f"pyproject.toml has no [{name}] table")
    return found.start(1), found.end(1)
