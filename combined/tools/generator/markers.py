"""Marked regions: the lines of a file that belong to one feature (slice).

A region is a pair of whole comment lines, in the file's own comment syntax, with
an optional ``else`` line between them::

    # tenancy:begin                 {# example:begin #}         <!-- bench:begin -->
    backend = backend_app(s)        ...                         ...
    # tenancy:else                  {# example:end #}           <!-- bench:end -->
    # backend = plain_app(s)
    # tenancy:end

The lines before ``else`` are kept when the feature is in the project. The lines
after it are kept when the feature is left out, and they are written commented
out (each with the marker's comment opener), so that the template itself runs
only the first branch; the generator removes one comment level from them.
``template-only`` is a region no generated project keeps (its ``else`` branch is
what every generated project gets instead). Regions nest, which is how a region
belongs to two features (example and tenancy: a ``tenancy`` region inside an
``example`` region or file). Marker lines never reach a generated project, and
the blank lines around them are closed up as if they had never been there
(:func:`_close_gaps`), so the project's code stays formatted.

Use it for lines inside a shared file; whole files belong in ``manifest.SLICES``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from combined.tools.generator.options import GeneratorError

TEMPLATE_ONLY = "template-only"
MARKER = re.compile(
    r"\s*(?P<opener>#|\{#|<!--|//|/\*|--|;)\s*(?P<kind>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)"
    r":(?P<edge>begin|else|end)\b"
)
# A commented-out line of an else branch, per comment opener: (indent, code).
_COMMENTED = {
    "#": re.compile(r"(\s*)# ?(.*?)(\r?\n)?"),
    "//": re.compile(r"(\s*)// ?(.*?)(\r?\n)?"),
    "{#": re.compile(r"(\s*)\{# ?(.*?) ?#\}[ \t]*(\r?\n)?"),
    "<!--": re.compile(r"(\s*)<!-- ?(.*?) ?-->[ \t]*(\r?\n)?"),
    "/*": re.compile(r"(\s*)/\* ?(.*?) ?\*/[ \t]*(\r?\n)?"),
    "--": re.compile(r"(\s*)-- ?(.*?)(\r?\n)?"),
    ";": re.compile(r"(\s*); ?(.*?)(\r?\n)?"),
}


@dataclass
class _Region:
    kind: str
    opener: str
    line: int
    in_else: bool = False


def apply_markers(
    text: str,
    included: Callable[[str], bool],
    *,
    where: str = "",
    first_party: frozenset[str] = frozenset(),
) -> str:
    """``text`` with marker lines removed and each region's unwanted branch dropped.

    ``included(kind)`` says whether a feature is in the project; ``template-only``
    never is. ``first_party`` names the project's own top-level packages (for the
    import sections of Python files). A broken marker raises :class:`GeneratorError`
    naming file and line.
    """
    out: list[str] = []
    cuts: list[int] = []  # where in out a marker line or a dropped branch was
    regions: list[_Region] = []
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        found = MARKER.match(line)
        if found is None:
            if all(_active(region, included) for region in regions):
                out.append(_uncomment(line, regions, where, number))
            continue
        if not cuts or cuts[-1] != len(out):
            cuts.append(len(out))
        kind, edge = found["kind"], found["edge"]
        if edge == "begin":
            if any(region.kind == kind for region in regions):
                raise _error(where, number, f"{kind}:begin inside {kind}:begin")
            regions.append(_Region(kind, found["opener"], number))
        elif not regions or regions[-1].kind != kind:
            raise _error(where, number, f"{kind}:{edge} without a matching {kind}:begin")
        elif edge == "else":
            if regions[-1].in_else:
                raise _error(where, number, f"a second {kind}:else")
            regions[-1].in_else = True
        else:
            regions.pop()
    if regions:
        raise _error(where, regions[-1].line, f"{regions[-1].kind}:begin is never closed")
    sections = first_party if where.endswith(".py") else None
    return "".join(_close_gaps(out, cuts, sections))


def _close_gaps(out: list[str], cuts: list[int], first_party: frozenset[str] | None) -> list[str]:
    """Blank lines as if the markers had never been there.

    At each cut with blank lines on both sides, the wider gap stays (a dropped
    function or section leaves one gap, not two); at the end of the file none.
    In Python (``first_party`` given), one blank line between two imports of the
    same section goes too: the import sorter puts it there only because a marker
    comment followed; and two import sections that meet get the blank line between.
    """
    removed = 0
    for cut in cuts:
        cut -= removed
        before = 0
        while before < cut and not out[cut - before - 1].strip():
            before += 1
        after = 0
        while cut + after < len(out) and not out[cut + after].strip():
            after += 1
        sorter_gap = (
            first_party is not None
            and before == 1
            and after == 0
            and cut < len(out)
            and _section(out, cut - 2, first_party) is not None
            and _section(out, cut - 2, first_party) == _section(out, cut, first_party)
        )
        at_end = cut + after == len(out)  # blank lines never end a file
        if first_party is not None and not before and not after and 0 < cut < len(out):
            sections = _section(out, cut - 1, first_party), _section(out, cut, first_party)
            if None not in sections and sections[0] != sections[1]:
                out.insert(cut, "\n")  # two import sections met: one blank line between
                removed -= 1
                continue
        if before and (after or at_end or sorter_gap):
            keep = 0 if at_end or sorter_gap else max(before - after, 0)
            del out[cut - before + keep : cut]
            removed += before - keep
    return out


_NAMES = re.compile(r"\s*(?:\)|\w+(?:\s+as\s+\w+)?,)\s*")  # inside "from x import (...)"
_IMPORT = re.compile(r"\s*(?:from\s+(\.*)([\w.]*)\s+import\b|import\s+([\w.]+))")


def _section(lines: list[str], index: int, first_party: frozenset[str]) -> str | None:
    """The import-sorter section of the import statement that ends or starts at
    ``lines[index]``: ``future``, ``stdlib``, ``third-party``, ``first-party``."""
    while index > 0 and _IMPORT.match(lines[index]) is None and _NAMES.fullmatch(lines[index]):
        index -= 1  # the inner and closing lines of a parenthesised import
    found = _IMPORT.match(lines[index]) if index >= 0 else None
    if found is None:
        return None
    if found[1]:
        return "first-party"  # relative import
    top = (found[2] or found[3]).split(".")[0]
    if top == "__future__":
        return "future"
    if top in sys.stdlib_module_names:
        return "stdlib"
    return "first-party" if top in first_party else "third-party"


def kinds(text: str) -> set[str]:
    """The region kinds marked in ``text`` (to check them against the manifest)."""
    return {found["kind"] for line in text.splitlines() if (found := MARKER.match(line))}


def _active(region: _Region, included: Callable[[str], bool]) -> bool:
    wanted = region.kind != TEMPLATE_ONLY and included(region.kind)
    return wanted != region.in_else


def _uncomment(line: str, regions: list[_Region], where: str, number: int) -> str:
    for region in regions:
        if not region.in_else or not line.strip():
            continue
        found = _COMMENTED[region.opener].fullmatch(line)
        if found is None:
            raise _error(
                where,
                number,
                f"a line of the {region.kind}:else branch is not commented out with "
                f"{region.opener!r} (else branches are written as comments)",
            )
        line = found[1] + found[2] + (found[3] or "")
    return line


def _error(where: str, line: int, problem: str) -> GeneratorError:
    return GeneratorError("template", f"{where}:{line}: {problem} (see docs/generator.md)")
