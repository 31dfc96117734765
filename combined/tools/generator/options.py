"""The options of ``combined new``, validated together before anything is written.

A pydantic model, like the settings: each bad option becomes one line naming it
(``--name: ...``), raised as :class:`GeneratorError` (a ``SystemExit``). The same
model reads the options a project recorded (``.template.json``), so ``combined
update`` renders with exactly what ``combined new`` was given.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from combined.conf import RESERVED_SEGMENTS, normalize_prefix
from combined.tools.generator.manifest import CORE_URL_SEGMENTS, SLICE_NAMES, SLICES

NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z0-9]+)*")
DOMAIN_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
MAX_NAME = 50


class GeneratorError(SystemExit):
    """Bad input or a template the generator cannot apply. One line, naming the option."""

    def __init__(self, option: str, problem: str) -> None:
        self.option = option
        self.problem = problem
        super().__init__(f"combined new: {option}: {problem}")


class ProjectOptions(BaseModel):
    """What ``combined new`` was asked for. ``name`` defaults to DEST's folder name."""

    model_config = ConfigDict(frozen=True)

    dest: Path | None = None  # not part of what a project records
    name: str
    domain: str | None = None
    backend_prefix: str = "/backend"
    database: Literal["sqlite", "postgresql"] = "sqlite"
    tenancy: Literal["none", "subdomain", "path"] = "none"
    # The features (manifest.SLICES) the project has; --without takes some away.
    features: tuple[str, ...] = SLICE_NAMES

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if len(value) > MAX_NAME or not NAME.fullmatch(value):
            raise ValueError(
                f"{value!r} is not a project name: use letters, digits and single hyphens, "
                f"spaces or underscores between them, starting with a letter "
                f"(at most {MAX_NAME} characters), e.g. acme-site"
            )
        return value

    @field_validator("domain")
    @classmethod
    def _domain(cls, value: str | None) -> str | None:
        if value is None:
            return None
        domain = value.strip().lower().rstrip(".")
        labels = domain.split(".")
        if len(domain) > 253 or not all(DOMAIN_LABEL.fullmatch(label) for label in labels):
            raise ValueError(f"{value!r} is not a domain name such as example.com")
        return domain

    @field_validator("backend_prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        return normalize_prefix(value, {**RESERVED_SEGMENTS, **CORE_URL_SEGMENTS})

    @field_validator("features", mode="before")
    @classmethod
    def _features(cls, value: object) -> object:
        if isinstance(value, str | list | tuple | set | frozenset):
            names = value.split(",") if isinstance(value, str) else value
            value = {str(name).strip() for name in names if str(name).strip()}
            unknown = sorted(value - set(SLICE_NAMES))
            if unknown:
                raise ValueError(
                    f"unknown feature {unknown[0]!r}; the features are {', '.join(SLICE_NAMES)}"
                )
            return tuple(name for name in SLICE_NAMES if name in value)  # manifest order
        return value

    @model_validator(mode="after")
    def _tenancy_needs_domain(self) -> ProjectOptions:
        if self.tenancy != "none" and "tenancy" not in self.features:
            raise ValueError(
                f"--tenancy {self.tenancy} needs the tenancy feature (drop it from --without)"
            )
        if self.tenancy == "subdomain" and not self.domain:
            raise ValueError("--tenancy subdomain needs --domain (tenants are its subdomains)")
        return self

    @model_validator(mode="after")
    def _prefix_free(self) -> ProjectOptions:
        first = self.backend_prefix.split("/")[1]
        for feature in SLICES:
            if self.has(feature.name) and first in feature.url_segments:
                raise ValueError(
                    f"--backend-prefix: /{first} holds the pages of the {feature.name} "
                    f"feature; choose another path, or leave it out (--without {feature.name})"
                )
        return self

    def has(self, feature: str) -> bool:
        return feature in self.features

    def recorded(self) -> dict[str, object]:
        """What ``.template.json`` keeps: every option but DEST, in JSON types (and no
        option of a feature the project does not have: it names nothing it left out)."""
        exclude = {"dest"} | (set() if self.has("tenancy") else {"tenancy"})
        return self.model_dump(mode="json", exclude=exclude)

    @property
    def slug(self) -> str:
        """``Acme Site`` -> ``acme-site``: the distribution name in pyproject."""
        return re.sub(r"[ _-]", "-", self.name).lower()

    @property
    def display_name(self) -> str:
        """The name pages show: ``acme-site`` -> ``Acme Site``; a name with capitals stays."""
        if self.name != self.name.lower():
            return re.sub(r"[_-]", " ", self.name)
        return " ".join(word.capitalize() for word in self.slug.split("-"))

    @property
    def database_name(self) -> str:
        return self.slug.replace("-", "_")


def parse_options(*, without: str | None = None, **values: object) -> ProjectOptions:
    """Validate ``values``; a bad one raises :class:`GeneratorError` naming the option.

    ``without`` is the command line's comma-separated list of features to leave out."""
    if values.get("name") is None and values.get("dest") is not None:
        values["name"] = Path(str(values["dest"])).resolve().name
    if without is not None:
        left_out = {name.strip() for name in without.split(",") if name.strip()}
        unknown = sorted(left_out - set(SLICE_NAMES))
        if unknown:
            raise GeneratorError(
                "--without",
                f"unknown feature {unknown[0]!r}; the features are {', '.join(SLICE_NAMES)}",
            )
        values["features"] = [name for name in SLICE_NAMES if name not in left_out]
    try:
        return ProjectOptions(**values)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = error.get("loc") or ()
        message = error["msg"].removeprefix("Value error, ")
        if loc:
            field = str(loc[0])
            option = "DEST" if field == "dest" else "--" + field.replace("_", "-")
        else:  # a check across options: it names its option ("--x: ..."), or it is tenancy's
            named, sep, rest = message.partition(": ")
            option, message = (
                (named, rest) if sep and named.startswith("--") else ("--tenancy", message)
            )
        raise GeneratorError(option, message) from None
