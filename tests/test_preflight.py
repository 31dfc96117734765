"""``combined.preflight``'s check of a node's own variables (``deploy/uwsgi.ini``).

uWSGI reads them without a word: ``COMBINED_PROCESSES=two`` ran one worker, a bare
port bound a UNIX socket file of that name, a port over 65535 wrapped around. A real
uWSGI stopping on one of them: ``tests/test_uwsgi.py``.
"""

from __future__ import annotations

import pytest

from combined.preflight import check_node_environment
from core.settings import SettingsError


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("COMBINED_PROCESSES", "two"),
        ("COMBINED_PROCESSES", "0"),
        ("COMBINED_PROCESSES", "-1"),
        ("COMBINED_HTTP", "8000"),
        ("COMBINED_HTTP", "127.0.0.1:70000"),
        ("COMBINED_HTTP", "127.0.0.1:0"),
        ("COMBINED_SOCKET", "localhost"),
        ("COMBINED_SOCKET", "relative/path.sock"),
    ],
)
def test_a_malformed_value_names_the_variable(variable, value):
    with pytest.raises(SettingsError, match=f"^configuration error: {variable}: "):
        check_node_environment({variable: value})


@pytest.mark.parametrize(
    "environ",
    [
        {},
        {"COMBINED_PROCESSES": "4"},
        {"COMBINED_HTTP": "0.0.0.0:8000", "COMBINED_SOCKET": "127.0.0.1:8001"},
        {"COMBINED_HTTP": ":8000"},
        {"COMBINED_SOCKET": "/run/combined/uwsgi.sock"},
        {"COMBINED_HTTP": "[::1]:8000"},
    ],
)
def test_the_documented_forms_pass(environ):
    check_node_environment(environ)
