"""The shared layout's stylesheet is a static file of the ``combined`` app.

Every page in the shared layout, error pages included, links
``/static/layout/site.css``, on adopted sites too, whose settings only list
``"combined"`` in ``INSTALLED_APPS``: Django's app-directories finder (and so
``runserver`` and ``collectstatic``) finds it there, with no ``STATICFILES_DIRS``
entry. The backend alone serves the same file at ``/layout-static/``.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders

from combined.layout import STATIC_DIR

STYLESHEET = "layout/site.css"


def test_a_site_with_combined_installed_finds_the_stylesheet(settings):
    # An adopted site's settings: the app, and no STATICFILES_DIRS of the layer's.
    settings.INSTALLED_APPS = ["django.contrib.staticfiles", "combined"]
    settings.STATICFILES_DIRS = []
    found = finders.find(STYLESHEET)
    assert found is not None
    assert Path(found).read_text() == (STATIC_DIR / STYLESHEET).read_text()
    assert "body" in Path(found).read_text()


def test_the_templates_own_site_finds_it_once():
    """Once: collectstatic copies one file, with no duplicate for it to skip."""
    assert finders.find(STYLESHEET, find_all=True) == [str(STATIC_DIR / STYLESHEET)]


def test_the_backend_alone_serves_it_at_layout_static(flask_client):
    response = flask_client.get("/layout-static/layout/site.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.data == (STATIC_DIR / STYLESHEET).read_bytes()
    response.close()
