"""The pure parts of bench/: reading wrk's report, ratios and verdicts, the page.

The benchmark itself runs in .ci/suites/30-bench.sh; these tests pin that its
figures are read and summarised correctly, so a PASS on the page means what it says.
"""

from __future__ import annotations

import pytest

from bench import report, results, wrk
from bench.targets import LOADS, RATIOS, Ratio

WRK_OUTPUT = """\
Running 2s test @ http://127.0.0.1:40123/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.77ms    2.29ms  20.25ms   91.74%
    Req/Sec     2.54k   547.72     3.10k    70.00%
  Latency Distribution
     50%  850.00us
     75%    2.70ms
     90%    4.33ms
     99%    1.20s
  2526 requests in 1.00s, 194.88KB read
  Socket errors: connect 1, read 2525, write 0, timeout 2
  Non-2xx or 3xx responses: 4
Requests/sec:   2519.69
Transfer/sec:    194.39KB
"""


def test_wrk_report_is_read_with_units_and_errors():
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests_per_s == 2519.69
    assert result.p50_ms == pytest.approx(0.85)
    assert result.p99_ms == pytest.approx(1200.0)
    assert result.requests == 2526
    # 4 non-2xx + 1 connect + 2 timeout; read errors are the router closing connections
    assert result.errors == 7


def test_wrk_report_without_latency_distribution_is_refused():
    text = WRK_OUTPUT.replace("     50%  850.00us\n", "")
    with pytest.raises(wrk.WrkError, match="--latency"):
        wrk.parse(text)


def fake_run(rps: dict[str, list[float]] | None = None) -> dict:
    rps = rps or {}
    loads = {}
    for load in LOADS:
        values = rps.get(load.name, [100.0, 100.0, 100.0])
        rounds = [
            {"rps": v, "p50_ms": 5.0, "p99_ms": 9.0, "requests": 1, "cpu_ms": 1000 / v}
            for v in values
        ]
        loads[load.name] = {"rounds": rounds, "median": results.summarize_load(rounds)}
    dispatch = {
        name: {"ns_per_request": 500.0 + ns, "overhead_ns": ns}
        for name, ns in [
            ("direct", 0.0),
            # tenancy:begin
            ("SubdomainDispatcher", 3000.0),
            ("PathDispatcher", 2000.0),
            # tenancy:end
            ("DispatcherMiddleware", 600.0),
            ("HostCheck", 150.0),
            ("combined layers", 800.0),
            ("combined layers /backend/", 1200.0),
        ]
    }
    memory = {
        n: {"pss": kib, "rss": kib * 2, "workers": [], "warmed_on": {f"{n} /": 1000}}
        for n, kib in [("combined", 40_000), ("django", 36_000), ("flask", 40_000)]
    }
    return {
        "command": "python3 -m bench",
        "chart": "benchmarks.png",
        "machine": {"date": "2026-01-01 00:00 UTC", "cpu": "Test CPU", "cores": 2},
        "settings": {
            "rounds": 3,
            "seconds": 2,
            "connections": 8,
            "threads": 1,
            "processes": 2,
            "import_runs": 3,
            "static_file": "/static/x.js",
            "startup": "one server after another",
            "site_env": {"DEBUG": "false"},
        },
        "loads": loads,
        "dispatch": dispatch,
        "memory_kib": memory,
        "modules_beyond_halves": ["combined.wsgi"],
        # example:begin
        # takeover:begin
        "moved_profile": {
            name: {
                "request": 10.0,
                "handover": 8.0,
                "flask_view": 7.0,
                "django_view": 8.0,
                "render": 4.0,
                "django_template": 0.0,
            }
            for name in ("django", "moved", "django_template")
        },
        "moved_alone": {"django": 4.0, "moved": 5.0, "alone": 4.5},
        "instructions": {
            "note page, Django": 10_000_000,
            "note page, moved to Flask": 10_500_000,
            "note page, Flask via render_django_template": 11_000_000,
        },
        "moved_parts": {
            "empty, Django": 1_600_000,
            "empty, hand-over": 1_620_000,
            "empty, Flask": 2_000_000,
            "empty, moved": 2_200_000,
        },
        # takeover:end
        # example:end
        "import_s": {"django": 1.0, "flask": 1.0, "combined": 1.2},
        "startup_s": {"combined": 2.0, "django": 1.6, "flask": 1.8},
    }


def test_per_request_ratio_is_the_median_of_per_round_ratios_of_cpu_time():
    data = fake_run({"combined /": [90.0, 200.0, 99.0], "django /": [100.0, 100.0, 100.0]})
    # wall-clock throughput says the opposite of CPU time in one round: CPU time decides
    data["loads"]["combined /"]["rounds"][0]["rps"] = 300.0
    ratio = Ratio("x", "x", "rps", "combined /", "django /", (">=", 0.98))
    assert results.ratio_value(ratio, data) == pytest.approx(0.99)
    assert results.verdict(0.99, (">=", 0.98)) == "PASS"
    assert results.verdict(0.97, (">=", 0.98)) == "MISS"
    row = results.evaluate([ratio], data)[0]
    assert row["spread"] == [0.9, 2.0]
    assert row["rps_ratio"] == pytest.approx(2.0)
    assert row["straddles"]  # rounds from 0.9 to 2.0 around a goal of 0.98


def test_memory_ratio_and_worst_dispatch_case():
    rows = {row["key"]: row for row in results.evaluate(RATIOS, fake_run())}
    assert rows["memory"]["value"] == pytest.approx(40_000 / 76_000, abs=1e-3)
    assert rows["memory"]["status"] == "PASS"
    # the backend path's 1200 ns is the figure judged, not the better Django path's 800
    assert (rows["dispatch"]["value"], rows["dispatch"]["status"]) == (1200.0, "MISS")
    assert rows["combined_django"]["spread"] == [1.0, 1.0]
    assert not rows["combined_django"]["straddles"]


def test_a_run_without_answers_is_left_out_of_the_ratio():
    data = fake_run({"combined /": [100.0, 50.0, 100.0]})
    data["loads"]["combined /"]["rounds"][1].update(requests=0, cpu_ms=500.0)
    ratio = Ratio("x", "x", "rps", "combined /", "django /", (">=", 0.98))
    assert results.round_ratios(ratio, data) == [1.0, 1.0]
    data["ratios"] = results.evaluate(RATIOS, data)
    assert "combined / (round 2)" in report.render_markdown(data)


def test_median_of_nothing_is_an_error_not_zero():
    with pytest.raises(ValueError):
        results.median([])


def test_page_states_each_verdict_and_every_target():
    data = fake_run({"static uwsgi": [500.0] * 3, "static django": [100.0] * 3})
    data["ratios"] = results.evaluate(RATIOS, data)
    page = report.render_markdown(data)
    goals = [r for r in data["ratios"] if r["goal"]]
    met = sum(r["status"] == "PASS" for r in goals)
    assert f"**{met} of {len(goals)} targets met.**" in page
    assert "| 87 KB static file via uWSGI static-map vs Django's static view | 5.00× |" in page
    dispatch = next(r.label for r in RATIOS if r.key == "dispatch")
    assert f"| {dispatch} | 1200 ns |" in page
    assert "**MISS**" in page and "**PASS**" in page
    for load in LOADS:
        assert f"| {load.name} |" in page
    assert "python3 -m bench" in page and "Test CPU" in page
    # example:begin
    # takeover:begin
    assert "answering alone, with no Django handler, 4.50 ms (0.89×)" in page
    assert "Skipping Django's handler would not make up for it" in page
    # the moved page's 500 K more, part by part, adding up; and the best a Flask page can do
    assert "of the moved page's 500 K instructions more than Django's, the hand-over +20 K" in page
    assert "Flask's own request handling +380 K, the bridge's hooks +200 K, " in page
    assert "the view and its render -100 K." in page
    assert "would reach 0.962×: the hand-over and Flask's own request handling add 4.0%" in page
    assert "out of reach for any page Flask serves behind Django's route" in page
    # takeover:end
    # example:end


def test_a_wall_clock_ratio_is_judged_on_requests_per_second():
    # A stalled static file: few requests per second, each cheap in CPU. Its goal is
    # about waiting, so requests/s decide, not CPU time.
    data = fake_run(
        {
            "small static uwsgi, 1 connection": [24.0, 25.0, 23.0],
            "combined /, 1 connection": [440.0] * 3,
        }  # noqa: E501
    )
    for entry in data["loads"]["small static uwsgi, 1 connection"]["rounds"]:
        entry["cpu_ms"] = 0.1  # far cheaper than the page's ~2.3 ms
    row = {r["key"]: r for r in results.evaluate(RATIOS, data)}["static_keepalive"]
    assert row["value"] == pytest.approx(24 / 440, abs=1e-3)
    assert row["status"] == "MISS"
    assert row["spread"] == [pytest.approx(23 / 440, abs=1e-3), pytest.approx(25 / 440, abs=1e-3)]
