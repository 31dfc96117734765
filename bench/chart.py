"""The chart embedded in docs/benchmarks.md: load per target, and the target ratios.

matplotlib with the Agg backend, imported only when drawing, so no display is
needed and the pure parts of bench/ import without matplotlib.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.targets import LOADS


def draw_chart(data: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullFormatter

    names = [load.name for load in LOADS]
    rps = [data["loads"][n]["median"]["rps"] for n in names]
    goals = [r for r in data["ratios"] if r["goal"] and r["key"] != "dispatch"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 5.5), width_ratios=(3, 2))
    left.barh(names[::-1], rps[::-1], color="#486581")
    left.set_xlabel("requests/s (median; same machine, same run)")
    left.set_title(f"Load by target ({data['machine']['date']})")
    labels = [r["key"].replace("_", " ") for r in goals][::-1]
    values = [r["value"] for r in goals][::-1]
    colors = ["#2f855a" if r["status"] == "PASS" else "#c53030" for r in goals][::-1]
    right.barh(labels, values, color=colors)
    right.scatter(
        [r["goal"][1] for r in goals][::-1],
        labels,
        marker="|",
        s=600,
        color="black",
        label="goal",
        zorder=3,
    )
    for y, value in enumerate(values):
        right.annotate(
            f"{value:.2f}×", (value, y), xytext=(4, 0), textcoords="offset points", va="center"
        )
    right.set_xscale("log")
    right.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}×"))
    right.xaxis.set_minor_formatter(NullFormatter())
    right.set_xticks([0.5, 0.7, 1, 2, 3, 5])
    right.set_xlim(min([*values, 0.5]) * 0.8, max([*values, 3.0]) * 1.6)
    right.set_title("Target ratios (green: met, red: missed)")
    right.legend(loc="upper right")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
