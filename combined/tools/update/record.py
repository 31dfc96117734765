"""``.template.json``: where a generated project came from, in one committed file.

It holds the template's source (a git URL or a local path), the commit the
project was rendered from, and the options of ``combined new``. It is written by
``combined new`` and moved forward by ``combined update``; edit it only to point
``source`` at another clone of the same template. Rendering is deterministic from
these three, so no secret and no date is in it (``.env`` is written separately).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

RECORD_FILE = ".template.json"
FORMAT = 1
# The renderer every template commit provides: `python -m RENDERER --options FILE --out DIR`,
# run with the template checkout as the working directory. Keep this contract stable.
RENDERER = "combined.tools.generator.render"
# The same contract, for a site that adopted the layer (options record "adopted"), and
# the layer's distribution as such a site requires it, pinned to a commit.
ADOPTED_RENDERER = "combined.tools.adopt.render"
DISTRIBUTION = "django-flask-combined"


class RecordError(SystemExit):
    """No record, or one this version cannot read. One line, for the command line."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"combined update: {problem}")


@dataclass(frozen=True)
class TemplateRecord:
    source: str
    commit: str | None
    options: dict[str, Any] = field(default_factory=dict)
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True) + "\n"

    def save(self, project: Path) -> None:
        (project / RECORD_FILE).write_text(self.to_json(), encoding="utf-8")

    def moved_to(self, commit: str) -> TemplateRecord:
        return TemplateRecord(self.source, commit, dict(self.options), self.format)

    @classmethod
    def load(cls, project: Path) -> TemplateRecord:
        path = project / RECORD_FILE
        if not path.is_file():
            raise RecordError(
                f"no {RECORD_FILE} in {project}: only a project made with `combined new` "
                "knows its template"
            )
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            record = cls(**data)
        except (ValueError, TypeError) as exc:
            raise RecordError(f"{RECORD_FILE} cannot be read ({exc})") from None
        if record.format != FORMAT:
            raise RecordError(f"{RECORD_FILE} has format {record.format}; this reads {FORMAT}")
        if not record.commit:
            raise RecordError(
                f"{RECORD_FILE} records no commit: the project was made from a template "
                "that was not a git checkout, so there is no version to compare with"
            )
        return record
