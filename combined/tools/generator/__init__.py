"""``combined new``: make a new project from this repository (the template).

The generator renders what the repository holds *now* (``git ls-files``), so every
file added to the template reaches new projects without touching this package.
It changes only what ``manifest`` names: generator-only paths are left out, each
feature (slice) the project leaves out goes with its files and marked regions
(``markers``), a handful of exact lines get the project's name, and the README is
written for the new site (``readme``). ``render`` is the deterministic part that
``combined update`` runs again at two template versions. See docs/generator.md.

This package is itself generator-only: generated projects do not contain it.
"""

from __future__ import annotations

from combined.tools.generator.options import GeneratorError, ProjectOptions
from combined.tools.generator.project import generate

__all__ = ["GeneratorError", "ProjectOptions", "generate"]
