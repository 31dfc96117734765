"""``combined update --without/--with/--backend-prefix/--set``: the recorded options, changed.

A project's options live in ``.template.json``; changing them is an update like
any other: the old options render the "before", the changed ones the "after",
and the difference is merged (a feature taken away deletes its files unless the
owner edited them). This module only computes the changed options and refuses
what it can judge alone (a feature the project lacks or has already, one named
twice, a ``--set`` for a feature it will not have), each with one line naming the
option. A feature's own option (``combined new --FEATURE VALUE``) is recorded
under the feature's name; ``--set FEATURE=VALUE`` changes it, so this module
needs to know no feature. Which features exist, which values they take and which
prefixes are free is the template's business: the renderer of the target commit
checks that, and :func:`renderer_problem` turns its line into this command's.

It never imports the generator (generated projects do not have it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from combined.conf import RESERVED_SEGMENTS, normalize_prefix
from combined.tools.update.record import RecordError

# The generator's message prefix, and the option it names for a feature list.
GENERATOR_PREFIX = "combined new: "
FEATURES_OPTION = "--features"


class OptionError(RecordError):
    """A bad option of ``combined update``: one line naming it; nothing is written."""

    def __init__(self, option: str, problem: str) -> None:
        super().__init__(f"{option}: {problem}")


@dataclass(frozen=True)
class OptionChange:
    """What the command line asks to change (empty: the options stay)."""

    without: tuple[str, ...] = ()
    with_: tuple[str, ...] = ()
    backend_prefix: str | None = None
    settings: tuple[tuple[str, str], ...] = ()  # --set FEATURE=VALUE, in order

    @classmethod
    def parse(
        cls,
        without: str | None,
        with_: str | None,
        backend_prefix: str | None,
        set_: tuple[str, ...] = (),
    ) -> OptionChange:
        dropped, added = _names("--without", without), _names("--with", with_)
        both = sorted(set(dropped) & set(added))
        if both:
            raise OptionError("--with", f"{both[0]!r} is also in --without; name it once")
        if backend_prefix is not None:
            try:
                backend_prefix = normalize_prefix(backend_prefix, RESERVED_SEGMENTS)
            except ValueError as exc:
                raise OptionError("--backend-prefix", str(exc)) from None
        return cls(dropped, added, backend_prefix, _settings(set_))

    def __bool__(self) -> bool:
        return bool(self.without or self.with_ or self.backend_prefix is not None or self.settings)

    def applied_to(self, options: dict[str, Any]) -> dict[str, Any]:
        """``options`` (as recorded) with this change; the recorded ones are not touched."""
        features = list(options.get("features", ()))
        for name in self.without:
            if name not in features:
                have = ", ".join(features) or "none"
                raise OptionError("--without", f"{name!r} is not one of its features ({have})")
        for name in self.with_:
            if name in features:
                raise OptionError("--with", f"the project has {name!r} already")
        changed = dict(options)
        # Appended; the renderer puts them in the template's order.
        changed["features"] = [f for f in features if f not in self.without] + list(self.with_)
        for name in self.without:
            # A feature's own option is recorded under its name, only while it is in.
            changed.pop(name, None)
        if self.backend_prefix is not None:
            changed["backend_prefix"] = self.backend_prefix
        for name, value in self.settings:
            if name not in changed["features"]:
                have = ", ".join(changed["features"]) or "none"
                raise OptionError(
                    "--set", f"{name!r} is not one of its features, after this change ({have})"
                )
            changed[name] = value
        return changed


def _names(option: str, value: str | None) -> tuple[str, ...]:
    if value is None:
        return ()
    names = tuple(dict.fromkeys(n.strip() for n in value.split(",") if n.strip()))
    if not names:
        raise OptionError(option, "name at least one feature")
    return names


def _settings(given: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    pairs: dict[str, str] = {}
    for item in given:
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not (sep and name and value):
            raise OptionError("--set", f"{item!r} is not FEATURE=VALUE")
        if name in pairs:
            raise OptionError("--set", f"{name!r} is set twice; set it once")
        pairs[name] = value
    return tuple(pairs.items())


def renderer_problem(line: str, change: OptionChange) -> str | None:
    """The renderer's one line about an option (``combined new: --x: ...``), as this
    command's; None when the line is about something else (a broken template)."""
    if not line.startswith(GENERATOR_PREFIX + "--"):
        return None
    option, _, problem = line.removeprefix(GENERATOR_PREFIX).partition(": ")
    if option == FEATURES_OPTION:  # a name the template does not know came from --with
        option = "--with" if change.with_ else "--without"
    elif option.removeprefix("--") in dict(change.settings):  # combined new's --FEATURE
        option = f"--set {option.removeprefix('--')}"
    return f"{option}: {problem}"
