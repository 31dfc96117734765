"""Pages moved from Django to Flask, served at their old URLs at the site root.

This is the "strangler" step of an incremental migration (docs/migration.md). The
moved pages of each Django app live in one module here, named after the app
(``notes.py`` for ``notes``), each with a blueprint ``bp`` of the same name, so
endpoints read ``notes.detail``. :data:`MOVED_APPS` lists those modules: declaring
a route on one of their blueprints, and pointing the Django route of the same path
at ``combined.handover.served_by_flask``, is what moves a page. The Django URL name
stays, so ``url()`` in templates and ``reverse()`` keep using it. The layer builds
one Flask app from these modules (``combined.bridge.moved``). ``combined routes``
shows who serves what.

Not for backend pages or API endpoints: those live under ``BACKEND_PREFIX``
(``flask_backend.pages``, ``flask_backend.api``).
"""

# One module per Django app with moved pages: flask_backend/migrated/<app>.py.
MOVED_APPS: list[str] = [
    # example:begin
    "notes",
    # example:end
    # One line per app, above this one (docs/migration.md).
]
