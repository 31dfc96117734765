"""``combined adopt PATH``: add the combined layer to an existing Django project, in place.

The other road beside ``combined new``: a team keeps its site -- its settings module,
its test command, its templates, its URLs -- and adds the layer to it, to move pages
to Flask one at a time. ``command`` checks everything first and writes nothing on a
refusal; ``probe`` asks the site's own interpreter about its settings and URLs;
``requirements`` adds the layer to the site's dependency file; ``files`` writes what
becomes the site's own (its ``flask_backend/``, a settings block, the deploy files),
rendered by ``render`` so ``combined update`` can bring later versions of them.
docs/adopt.md is the walk-through.
"""
