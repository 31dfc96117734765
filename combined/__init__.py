"""The assembly: the two halves made into one site.

``combined.app.create_app`` builds the one WSGI callable (health checks, host
check, the Flask mount and the layers of the features the project has);
``combined.wsgi`` is the entry
point servers import; ``combined.tools.cli`` is the ``combined`` command. Only entry
points import this package: the halves (``django_site``, ``flask_backend``) and
the bottom layer (``core``) never do (tests/test_layers.py checks it).
"""
