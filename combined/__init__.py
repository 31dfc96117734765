"""The combined Django + Flask project: settings, entry point and tools.

``combined`` is the only package that knows about both halves. Import
``create_app`` from here; importing this package does no work by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from combined.app import create_app as create_app


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from combined.app import create_app

        return create_app
    raise AttributeError(name)
