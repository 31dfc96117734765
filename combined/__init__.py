"""The combined layer: a Django site and a Flask backend as one site.

What a deployed site imports lives here, in three layers (tests/test_layers.py):

* the base (``conf``, ``hosts``, ``text``, ``layout``, ...): the layer's settings,
  read from Django's settings, and what both halves need;
* Django's side (middleware, the system checks, ``urlwalk``, ``jinja``) and Flask's
  side (``combined.bridge``: Django's login, session, CSRF token, templates and ORM
  on a Flask app);
* the assembly: ``combined.app.create_app`` (the one WSGI callable), ``combined.wsgi``,
  ``combined.urls`` and ``combined.inprocess`` (Django's handler serving Flask's
  answers), ``combined.halves`` (the project's Flask half).

``combined.tools`` is the developer's: ``combined new``, ``update``, ``adopt``,
``routes``. A project made from the template has its own packages beside this one
(``core``, ``django_site``, ``flask_backend``); a site that adopted the layer keeps
its own and adds ``flask_backend``.
"""
