"""Parsing JSON sent by clients: the standard parser, with a nesting limit.

Why: ``json.loads`` recurses once per level of nesting, so a body of a thousand
``[`` raises ``RecursionError`` (a 500), and a structure nested hundreds deep can
still blow the stack of whatever walks it afterwards (serialising, validating).
No request the site serves needs more than a few levels, so :data:`MAX_DEPTH`
is generous and anything deeper is refused as bad input (:class:`JSONTooDeep`,
a ``ValueError``, so it reads as "not valid JSON" to callers that catch those).

The stdlib parser does the parsing; the depth is measured on its result, and
only when the text has more brackets than the limit (so almost never). Use
:func:`loads` for any JSON from outside; the Flask half does
(``combined.bridge.json_body``). Not for trusted files.
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 64


class JSONTooDeep(ValueError):
    """The JSON text nests arrays and objects deeper than the limit."""

    def __init__(self, max_depth: int) -> None:
        super().__init__(f"JSON nested deeper than {max_depth} levels is not accepted")


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH, **kwargs: Any) -> Any:
    """``json.loads(text)``, refusing nesting deeper than ``max_depth`` (:class:`JSONTooDeep`)."""
    try:
        value = json.loads(text, **kwargs)
    except RecursionError:
        raise JSONTooDeep(max_depth) from None
    if _bracket_count(text) > max_depth and depth(value) > max_depth:
        raise JSONTooDeep(max_depth)
    return value


def _bracket_count(text: str | bytes) -> int:
    if isinstance(text, str):
        return text.count("[") + text.count("{")
    return text.count(b"[") + text.count(b"{")


def depth(value: Any) -> int:
    """How deep arrays and objects nest in a parsed value (a scalar is 0), without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children if isinstance(child, dict | list))
    return deepest
