"""The migration guide is linked from the README and names files that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "migration.md"
BRIDGE = ROOT / "flask_backend" / "django_bridge"


def test_readme_links_the_guide():
    readme = (ROOT / "README.md").read_text()
    assert "](docs/migration.md)" in readme
    assert "combined routes" in readme


def test_every_file_the_guide_names_exists():
    paths = re.findall(r"`((?:[\w.-]+/)+[\w.-]+\.(?:py|html|md))`", GUIDE.read_text())
    named = {p for p in paths if (ROOT / p.split("/")[0]).is_dir()}  # not template names
    assert "flask_backend/migrated/notes.py" in named
    # The login/session/CSRF bridge modules arrive with the django_bridge package.
    expected = {p for p in named if BRIDGE.is_dir() or not p.startswith("flask_backend/django_")}
    missing = sorted(p for p in expected if not (ROOT / p).exists())
    assert missing == []
