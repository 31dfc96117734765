"""Turn raw measurements into medians, ratios and PASS/MISS verdicts (pure functions).

Why apart: these are the parts a test can check without a server, and the only
place where a figure becomes a claim. Throughput ratios are the median of
per-round ratios: the two loads of a pair run next to each other in every round,
so slow drift on a shared machine cancels out.
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
    """Median requests/s, p50 and p99 over the rounds of one load."""
    return {key: round(median(r[key] for r in rounds), 3) for key in ("rps", "p50_ms", "p99_ms")}


def _sum(table: Mapping[str, Any], names: str | tuple[str, ...], field: str | None = None) -> float:
    names = (names,) if isinstance(names, str) else names
    return sum(table[n][field] if field else table[n] for n in names)


def round_ratios(ratio: Ratio, data: Mapping[str, Any]) -> list[float]:
    """Requests/s of numerator over denominator, round by round."""
    top = data["loads"][ratio.numerator]["rounds"]
    bottom = data["loads"][ratio.denominator]["rounds"]
    return [a["rps"] / b["rps"] for a, b in zip(top, bottom, strict=True)]


def ratio_value(ratio: Ratio, data: Mapping[str, Any]) -> float:
    """The measured figure of ``ratio`` in a run's ``data`` (the JSON document)."""
    if ratio.metric == "rps":
        return median(round_ratios(ratio, data))
    if ratio.metric == "pss":
        memory = data["memory_kib"]
        return memory[ratio.numerator]["pss"] / _sum(memory, ratio.denominator, "pss")
    if ratio.metric == "import":
        return data["import_s"][ratio.numerator] / _sum(data["import_s"], ratio.denominator)
    if ratio.metric == "startup":
        return data["startup_s"][ratio.numerator] / _sum(data["startup_s"], ratio.denominator)
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
    """One row per ratio: key, label, value, goal, PASS/MISS/info, per-round spread."""
    rows = []
    for ratio in ratios:
        value = ratio_value(ratio, data)
        per_round = round_ratios(ratio, data) if ratio.metric == "rps" else []
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
            }
        )
    return rows
