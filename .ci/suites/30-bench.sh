#!/usr/bin/env bash
# ci: rest -- in the foreground, beside the background suites: it checks the tool,
# not the figures, so it needs no quiet machine (its servers pick free ports)
# Bench smoke test: the README's benchmark command in quick mode must produce the
# page, the chart and the JSON with every target present. It checks that the tool
# works, not the figures (a shared CI machine makes those noise).
set -euo pipefail
cd "$(dirname "$0")/../.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
start=$(date +%s)
timeout 300 python3 -m bench --quick --out "$out"
echo "bench --quick took $(( $(date +%s) - start )) s"
.venv/bin/python - "$out" <<'PY'
import json
import sys
from pathlib import Path

from bench.targets import LOADS, RATIOS

out = Path(sys.argv[1])
data = json.loads((out / "benchmarks.json").read_text())
page = (out / "benchmarks.md").read_text()
png = (out / "benchmarks.png").read_bytes()
assert png.startswith(b"\x89PNG"), "benchmarks.png is not a PNG"
missing = [load.name for load in LOADS if load.name not in data["loads"]]
missing += [r.key for r in RATIOS if r.key not in {row["key"] for row in data["ratios"]}]
missing += [load.name for load in LOADS if f"| {load.name} |" not in page]
missing += [r.label for r in RATIOS if f"| {r.label} |" not in page]
assert not missing, f"missing from the bench output: {missing}"
assert "![requests per second and ratios](benchmarks.png)" in page
print(f"bench smoke test: {len(LOADS)} loads and {len(RATIOS)} ratios present")
PY
