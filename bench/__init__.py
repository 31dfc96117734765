"""Benchmarks: what the combined deployment costs per request and saves in memory.

Run ``python3 -m bench`` (5 minutes at most) or ``python3 -m bench --quick``; see
bench/run.py for what is measured and docs/benchmarks.md for the last results.
"""
