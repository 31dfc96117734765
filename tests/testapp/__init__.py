"""A test-only Django app and Flask blueprint: what the core's tests exercise.

The core (settings, wiring, the login, session and CSRF bridges, host checks,
production behaviour) must be tested in every project, whatever features it was
made with (``combined new --without ...``). So those tests use this app's
``Item`` model, Django page and Flask views, never a feature's.
``tests/settings.py`` installs the Django app; fixtures in ``tests/conftest.py``
register :data:`tests.testapp.flask_views.bp` on the Flask apps they build.
Nothing outside ``tests/`` imports it.
"""
