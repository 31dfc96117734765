"""Turn raw measurements into medians, ratios and PASS/MISS verdicts (pure functions).

Why apart: these are the parts a test can check without a server, and the only
place where a figure becomes a claim. Per-request ratios are the median of
per-round ratios: the two loads of a pair run next to each other in every round,
so slow drift on a shared machine cancels out.

A per-request ratio is judged on CPU time per request (all the server's
processes), as "requests per CPU-second, relative": on a shared machine the
wall-clock requests/s mostly measure the neighbours, CPU time measures the cost.
The requests/s ratio is kept next to it. A "wall" ratio is judged on requests/s
itself: its goal is about waiting (a stalled answer costs time, not CPU).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from bench.targets import Ratio


def median(values: Iterable[float]) -> float:
    values = list(values)
    if not values:
        raise ValueError("median of no values")
    return statistics.median(values)


def summarize_load(rounds: list[Mapping[str, float]]) -> dict[str, float]:
    """Median requests/s, p50, p99 and CPU ms per request over the rounds of one load."""
    keys = ("rps", "p50_ms", "p99_ms", "cpu_ms")
    return {key: round(median(r[key] for r in rounds), 4) for key in keys}


def _sum(table: Mapping[str, Any], names: str | tuple[str, ...], field: str | None = None) -> float:
    names = (names,) if isinstance(names, str) else names
    return sum(table[n][field] if field else table[n] for n in names)


def round_ratios(ratio: Ratio, data: Mapping[str, Any], field: str = "cpu") -> list[float]:
    """Round by round: requests per CPU-second (``cpu``) or requests/s (``rps``) of the
    numerator over the denominator's; above 1 the numerator is cheaper or faster."""
    top = data["loads"][ratio.numerator]["rounds"]
    bottom = data["loads"][ratio.denominator]["rounds"]
    # A run that got no answer at all (both workers re-importing the app after
    # max-requests) has no per-request figure; it is left out, and reported.
    pairs = [(a, b) for a, b in zip(top, bottom, strict=True) if a["requests"] and b["requests"]]
    if field == "rps":
        return [a["rps"] / b["rps"] for a, b in pairs]
    return [b["cpu_ms"] / a["cpu_ms"] for a, b in pairs]


def ratio_value(ratio: Ratio, data: Mapping[str, Any]) -> float:
    """The measured figure of ``ratio`` in a run's ``data`` (the JSON document)."""
    if ratio.metric == "rps":
        return median(round_ratios(ratio, data))
    if ratio.metric == "wall":
        return median(round_ratios(ratio, data, "rps"))
    if ratio.metric == "pss":
        memory = data["memory_kib"]
        return memory[ratio.numerator]["pss"] / _sum(memory, ratio.denominator, "pss")
    if ratio.metric == "import":
        return data["import_s"][ratio.numerator] / _sum(data["import_s"], ratio.denominator)
    if ratio.metric == "startup":
        return data["startup_s"][ratio.numerator] / _sum(data["startup_s"], ratio.denominator)
    if ratio.metric == "instructions":  # requests per instruction, relative
        counts = data["instructions"]
        return _sum(counts, ratio.denominator) / counts[ratio.numerator]
    if ratio.metric == "dispatch":  # the worst of the cases named after the numerator
        rows = data["dispatch"]
        return max(
            row["overhead_ns"] for name, row in rows.items() if name.startswith(ratio.numerator)
        )
    raise ValueError(f"unknown metric {ratio.metric!r}")


def verdict(value: float, goal: tuple[str, float] | None) -> str:
    if goal is None:
        return "info"
    op, target = goal
    met = value >= target if op == ">=" else value <= target
    return "PASS" if met else "MISS"


def evaluate(ratios: Iterable[Ratio], data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per ratio: key, label, value, goal, PASS/MISS/info, per-round spread, and
    for per-request ratios the requests/s ratio."""
    rows = []
    for ratio in ratios:
        value = ratio_value(ratio, data)
        per_round = {
            "rps": lambda ratio=ratio: round_ratios(ratio, data),
            "wall": lambda ratio=ratio: round_ratios(ratio, data, "rps"),
        }.get(ratio.metric, list)()
        wall = median(round_ratios(ratio, data, "rps")) if per_round else None
        rows.append(
            {
                "key": ratio.key,
                "label": ratio.label,
                "value": round(value, 3 if ratio.metric != "dispatch" else 1),
                "goal": list(ratio.goal) if ratio.goal else None,
                "status": verdict(value, ratio.goal),
                "spread": [round(min(per_round), 3), round(max(per_round), 3)]
                if per_round
                else None,
                "rps_ratio": round(wall, 3) if wall is not None else None,
                # The goal lies between the best and worst round: the verdict is within noise.
                "straddles": bool(
                    per_round and ratio.goal and min(per_round) < ratio.goal[1] < max(per_round)
                ),
            }
        )
    return rows
