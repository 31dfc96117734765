"""What the generator leaves out or changes. Edit this list, not the generator's code.

Paths are relative to the project root, in POSIX form. A pattern ending in ``/``
is a folder (everything under it); any other pattern is an ``fnmatch`` pattern on
the whole path (``*`` crosses ``/``). Regions inside files are marked in the files
themselves (see docs/generator.md): ``example:begin``/``example:end`` and
``template-only:begin``/``template-only:end``.
"""

from __future__ import annotations

# The generator itself: a generated project is a project, not a template.
GENERATOR_ONLY = (
    "combined/generator/",
    "tests/test_generate.py",
    "tests/test_generator_ci.py",
    "tests/test_polls_migration.py",
    ".ci/suites/40-generator.sh",
    "docs/generator.md",
)

# The sample notes app and everything that needs it, left out with --no-example.
# Suites that exercise the sample end to end (browser, migration, CSRF on its forms,
# tenant data scopes) go with it, and so do the CI scripts that run them.
EXAMPLE = (
    "django_site/notes/",
    "django_site/templates/notes/",
    "flask_backend/api.py",
    "flask_backend/note_form.py",
    "flask_backend/templates/backend/new_note.html",
    "flask_backend/migrated/notes.py",
    "tests/*notes*",
    "tests/browser/",
    "tests/migration/",
    "tests/test_csrf.py",
    "tests/test_tenancy.py",
    "tests/test_tenancy_uwsgi.py",
    ".ci/suites/20-browser.sh",
    "tests/scale/",
    ".ci/suites/10-scale.sh",
    ".ci/suites/15-attack.sh",
)

# The copy never includes these, whatever git says (secrets, local state).
NEVER = (".git/", ".env", ".venv/", "var/")

# Lines that take the project's identity: (file, regular expression matching the
# whole line, replacement template). The first matching line is replaced; none
# matching stops the generator: a template change broke it, and a test says so.
PYPROJECT_NAME = ("pyproject.toml", r'name = "[^"]*"', 'name = "{slug}"')
README_TITLE = ("README.md", r"# .+", "# {display_name}")
# The SITE_NAME setting's default, so the name holds wherever no SITE_NAME is set.
SITE_NAME = (
    "core/settings.py",
    r'DEFAULT_SITE_NAME = "[^"]*"',
    'DEFAULT_SITE_NAME = "{display_name}"',
)
IDENTITY = (PYPROJECT_NAME, README_TITLE, SITE_NAME)

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
