"""``combined update``: take the template's later changes, or a change of options, into a
project made from it.

A project made with ``combined new`` records its template (source, commit and
options) in ``.template.json`` (:mod:`combined.tools.update.record`). ``combined
update`` renders that template version and a newer one with the same options,
each with the renderer of its own commit, and merges the difference into the
project, one three-way merge per file (:mod:`combined.tools.update.merge`). With
``--without``, ``--with`` or ``--backend-prefix`` the newer render uses the changed
options (:mod:`combined.tools.update.options`). The template repository has no
record, so there the command only says so.

Ships with every generated project; it never imports ``combined.tools.generator``
(which generated projects do not have).
"""
