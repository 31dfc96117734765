"""The features a new project can leave out, and what else the generator changes.

Edit this file, not the generator's code. Each :class:`Slice` is one feature:
the files and folders that are only it (``paths``), plus the regions marked
``<name>:begin`` ... ``<name>:end`` inside shared files (see
``combined/tools/generator/markers.py``). ``combined new --without NAME`` drops both,
and a test checks that no line of such a project still matches one of the
slice's ``names``. A path listed under two slices goes when either is left out.

Paths are relative to the project root, in POSIX form. A pattern ending in ``/``
is a folder (everything under it); any other pattern is an ``fnmatch`` pattern on
the whole path (``*`` crosses ``/``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slice:
    name: str
    summary: str  # one line for --help and the project's README
    paths: tuple[str, ...]
    # Regular expressions (case-sensitive) that name the feature: a project
    # without it matches none of them in any file.
    names: tuple[str, ...]
    # First URL path segments its Django pages use: --backend-prefix may not take them.
    url_segments: tuple[str, ...] = ()


EXAMPLE = Slice(
    "example",
    "the sample notes app: a Django page, a Flask form and a JSON API on one model",
    paths=(
        "django_site/notes/",
        "django_site/templates/notes/",
        "flask_backend/api.py",
        "flask_backend/note_form.py",
        "flask_backend/templates/backend/new_note.html",
        "flask_backend/migrated/notes.py",
        "tests/test_notes*.py",
        # The note page is the sample's moved page: its behaviour suite, and the
        # real-server check that serves it.
        "tests/migration/test_note_*.py",
        "tests/migration/test_takeover_uwsgi.py",
        "bench/apps/moved_page.py",  # with the moved pages and the benchmarks too
        "bench/moved_*.py",  # moved_profile.py, moved_parts.py
    ),
    names=(
        r"\bNote\b",
        r"django_site[./]notes",
        r"\bnotes:",
        r"\bnotes?[_-]",
        r"_notes?\b",
        r"/notes\b",
        r"(?i)\bnotes? (app|API|page|pages|list|form)\b",
        r"(?i)\b(the|sample|a|one|new|own|their|tenant's|site's) notes?\b",
    ),
    url_segments=("notes",),
)

TENANCY = Slice(
    "tenancy",
    "per-tenant Flask backends, chosen by subdomain or path (TENANCY)",
    paths=(
        "combined/tenancy.py",
        "combined/dispatch.py",
        "combined/app_cache.py",
        "core/tenancy_settings.py",
        "django_site/tenants/",
        "django_site/notes/migrations/0002_note_tenant.py",
        "flask_backend/tenant.py",
        "tests/test_tenancy*.py",
        "tests/test_dispatch.py",
        "bench/tenancy_bench.py",
        "bench/dispatch_bench.py",
        "bench/apps/tenant.py",
        ".ci/suites/50-tenancy-bench.sh",  # with the benchmarks too (below)
    ),
    names=(
        r"(?i)tenan",
        r"SubdomainDispatcher",
        r"PathDispatcher",
        r"combined[./]dispatch\b",
        r"\bAppCache\b",
    ),
)

TAKEOVER = Slice(
    "takeover",
    "moving pages from Django to Flask at the same URLs (combined routes)",
    paths=(
        "combined/tools/routes.py",
        "combined/tools/routes_report.py",
        "combined/tools/route_conflicts.py",
        "combined/handover.py",
        "flask_backend/migrated/",
        "combined/bridge/moved.py",
        "tests/migration/",
        "tests/docsteps.py",
        "tests/fixtures/polls/",
        "tests/moved_urls.py",
        "tests/test_routes_moved_pages.py",
        "tests/test_jinja_moved_pages.py",
        "tests/test_test_client.py",
        "docs/migration.md",
        ".ci/suites/50-routes.sh",
        "bench/apps/moved_page.py",  # with the sample and the benchmarks too
        "bench/moved_*.py",  # moved_profile.py, moved_parts.py
    ),
    names=(
        r"(?i)takeover",
        r"(?i)handover",
        r"flask_backend[./]migrated",
        r"MOVED_APPS",
        r"\bmigrated[/.](?=\w)",
        r"\(migrated\)",
        r"(?i)\b(migrated|moved) pages?\b",
        r"MIGRATED",
        r"served_by_flask",
        r"combined routes",
        r"routes_report",
        r"migration\.md",
    ),
)

BENCH = Slice(
    "bench",
    "the benchmark suite (python3 -m bench: uWSGI, nginx and wrk against the site)",
    paths=(
        "bench/",
        ".ci/suites/30-bench.sh",
        ".ci/suites/50-tenancy-bench.sh",
        "tests/test_bench_tools.py",
        "tests/test_server_table.py",
    ),
    names=(r"(?i)\bbench", r"(?i)benchmark"),
)

SLICES = (EXAMPLE, TENANCY, TAKEOVER, BENCH)
# First URL path segments of the core's own Django pages (core/settings.py refuses them
# as BACKEND_PREFIX too; a test keeps the two lists together).
CORE_URL_SEGMENTS = {"admin": "Django's admin", "accounts": "the login and password pages"}
SLICE_NAMES = tuple(s.name for s in SLICES)

# The template's own machinery and results: no generated project gets these.
GENERATOR_ONLY = (
    "combined/tools/generator/",
    "combined/tools/adopt/",
    "tests/test_adopt*.py",
    "tests/adoption.py",
    "tests/fixtures/shop/",
    "tests/fixtures/shop_moves/",
    "docs/adopt.md",
    "tests/test_generate.py",
    "tests/test_generator_*.py",
    "tests/test_template_update*.py",
    "tests/test_polls_migration.py",
    "tests/test_real_moves.py",
    ".ci/suites/40-generator.sh",
    ".ci/suites/45-adopt.sh",
    "docs/generator.md",
    # Figures measured on the template's machine; a project measures its own.
    "docs/benchmarks.*",
    "docs/server-table.*",
)

# Other people's projects kept as they were published, for the template's own tests
# (tests/fixtures/real/*.SOURCE.md): never part of a project, never rendered, and their
# text may hold lines that look like markers (Bootstrap's `// rtl:begin:ignore`).
THIRD_PARTY = ("tests/fixtures/real/",)
GENERATOR_ONLY += THIRD_PARTY

# The copy never includes these, whatever git says (secrets, local state).
NEVER = (".git/", ".env", ".venv/", "var/", ".template.json")

# Lines that take the project's identity: (file, regular expression matching the
# whole line, replacement template). The first matching line is replaced; none
# matching stops the generator: a template change broke it, and a test says so.
PYPROJECT_NAME = ("pyproject.toml", r'name = "[^"]*"', 'name = "{slug}"')
# The SITE_NAME setting's default, so the name holds wherever no SITE_NAME is set.
SITE_NAME = (
    "core/settings.py",
    r'DEFAULT_SITE_NAME = "[^"]*"',
    'DEFAULT_SITE_NAME = "{display_name}"',
)
IDENTITY = (PYPROJECT_NAME, SITE_NAME)

# Text files whose mentions of the default BACKEND_PREFIX become the chosen one.
DOCS = ("README.md", "docs/*.md")

# Walking the tree without git: skip what .gitignore would.
WALK_IGNORE = (
    ".git",
    ".venv",
    "var",
    ".env",
    "__pycache__",
    "*.pyc",
    "*.egg-info",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "build",
    "dist",
    "staticfiles",
    "bench/results",
)
