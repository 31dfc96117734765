"""The bottom layer: what both halves need, and nothing else.

``core.settings`` (the one settings source), ``combined.layout`` (the shared page
layout and error pages), ``combined.hosts`` (one Host rule) and ``core.logconfig``.
``django_site`` and ``flask_backend`` import from here; nothing here imports
either half or the assembly (``combined``). Keep it that way: a module that
needs Django's apps or Flask's app belongs one layer up.
"""
