"""``combined new``: make a new project from this repository.

The generator copies what the repository holds *now* (``git ls-files``), so every
feature added to the template reaches new projects without touching this package.
It changes only what ``manifest`` names: generator-only paths are left out, the
sample app is left out with ``--no-example``, and a handful of exact lines get the
project's name. See docs/generator.md for the markers contributors use.

This package is itself generator-only: generated projects do not contain it.
"""

from __future__ import annotations

from combined.generator.options import GeneratorError, ProjectOptions
from combined.generator.project import generate

__all__ = ["GeneratorError", "ProjectOptions", "generate"]
