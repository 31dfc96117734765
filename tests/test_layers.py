"""The three layers hold: core below, the two halves in the middle, combined on top.

Each check imports every module of one layer in a fresh interpreter (for the halves
after Django is set up, as every entry point does; the bottom layer without it)
and lists what else got imported. A module
that reaches up a layer, or across from Django to Flask, fails here with its name.
"""

from __future__ import annotations

import json
import os

import pytest

from tests.servers import python

PROBE = """
import importlib, json, pkgutil, sys
if {setup_django!r}:
    import django
    django.setup()
for package in {packages!r}:
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if ".migrations" not in info.name and not info.name.endswith(".wsgi"):
            importlib.import_module(info.name)
print(json.dumps(sorted(set(sys.modules))))
"""

ASSEMBLY = ("combined",)
FLASK = ("flask", "flask_backend")
DJANGO_HALF = ("django_site",)

LAYERS = {
    # layer: (its packages, top-level packages they must not pull in, set Django up first)
    "core": (("core",), (*ASSEMBLY, *FLASK, *DJANGO_HALF), False),
    "django_site": (DJANGO_HALF, (*ASSEMBLY, *FLASK), True),
    "flask_backend": (("flask_backend",), ASSEMBLY, True),
}


def imported_by(packages: tuple[str, ...], setup_django: bool) -> list[str]:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "django_site.settings"}
    out = python("-c", PROBE.format(packages=packages, setup_django=setup_django), env=env)
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.parametrize("layer", sorted(LAYERS))
def test_a_layer_never_imports_the_layers_above_or_beside_it(layer):
    packages, forbidden, setup_django = LAYERS[layer]
    modules = imported_by(packages, setup_django)
    reached = [m for m in modules if m.split(".")[0] in forbidden]
    assert reached == [], f"{layer} imports {reached}"


def test_django_settings_do_not_import_either_framework_app():
    """manage.py's first step (the settings module) stays free of Flask and the assembly."""
    modules = python("-c", "import sys, django_site.settings; print(sorted(sys.modules))")
    assert "'flask'" not in modules and "'combined" not in modules
