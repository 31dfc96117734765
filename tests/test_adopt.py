"""``combined adopt`` on a plain ``django-admin startproject`` site with an app.

The site's own tests (``shop/tests.py``, plain Django ``TestCase``s with
``@override_settings`` on the pages that move) run with its own command,
``manage.py test``, before adoption, after it, and after three pages moved to Flask
(tests/fixtures/shop_moves); a wrong Flask view makes them fail. Bad input gets one
line and leaves the site as it was. The real projects: tests/test_adopt_real.py.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.adoption import (
    FIXTURES,
    adopt,
    commit_all,
    git,
    manage_py_test,
    replace,
    site_env,
    startproject_site,
    state,
)

PYTHON = sys.executable  # the site's interpreter: this one has Django 5.2 and the layer


def moves():
    spec = importlib.util.spec_from_file_location(
        "shop_moves", FIXTURES / "shop_moves" / "__init__.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def site(tmp_path):
    return startproject_site(tmp_path)


def test_the_sites_tests_pass_the_same_before_after_adoption_and_after_moving_pages(site):
    before = manage_py_test(site, PYTHON, "shop")
    assert before.passed and before.count == 10, before.output

    adopted = adopt(site, "--python", PYTHON)
    assert adopted.returncode == 0, adopted.stderr
    assert git(site, "status", "--porcelain") == ""  # one commit, nothing left over
    assert git(site, "log", "-1", "--format=%s") == "Adopt the Django+Flask layer (combined adopt)"
    after = manage_py_test(site, PYTHON, "shop")
    assert (after.passed, after.count) == (True, before.count), after.output

    moves().apply(site)
    commit_all(site, "Move three shop pages to Flask")
    moved = manage_py_test(site, PYTHON, "shop")
    assert (moved.passed, moved.count) == (True, before.count), moved.output

    moves().break_one(site)
    broken = manage_py_test(site, PYTHON, "shop")
    assert not broken.passed
    assert "test_lists_products_by_name_with_prices" in broken.output


def test_what_adoption_writes_and_that_the_combined_app_serves_both_halves(site, tmp_path):
    (site / "requirements.txt").write_bytes(b"Django>=5.2\r\n")  # written on Windows
    commit_all(site, "requirements")
    (site / ".venv").mkdir()  # the site's virtualenv, not ignored: not a change to commit
    (site / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    result = adopt(site, "--python", PYTHON, "--backend-prefix", "api/")
    assert result.returncode == 0, result.stderr
    # The requirement is two lines added, the file's CRLF line endings kept.
    assert git(site, "show", "--numstat", "--format=", "HEAD", "--", "requirements.txt") == (
        "2\t0\trequirements.txt"
    )
    assert (site / "requirements.txt").read_bytes().count(b"\r\n") == 3
    unit = (site / "deploy" / "systemd" / "combined@.service").read_text()
    assert "EnvironmentFile=-/srv/combined/.env.production" in unit  # optional for the site
    changed = set(git(site, "show", "--name-only", "--format=", "HEAD").splitlines())
    assert changed == {
        ".template.json", "requirements.txt", "mysite/settings.py", "mysite/urls.py",
        "flask_backend/__init__.py", "flask_backend/migrated/__init__.py",
        "deploy/uwsgi.ini", "deploy/nginx/site.conf", "deploy/systemd/combined@.service",
        "docs/combined-layer.md",
    }  # fmt: skip
    settings = (site / "mysite" / "settings.py").read_text()
    assert 'BACKEND_PREFIX = "/api"' in settings
    assert "env = DJANGO_SETTINGS_MODULE=mysite.settings" in (site / "deploy/uwsgi.ini").read_text()
    requirement = (site / "requirements.txt").read_text()
    assert "django-flask-combined @ git+file://localhost/" in requirement
    record = json.loads((site / ".template.json").read_text())
    assert record["options"]["settings_module"] == "mysite.settings"
    assert "created  flask_backend/__init__.py" in result.stdout
    assert "python manage.py test" in result.stdout

    moves().apply(site)
    code = (
        "import os, sys; sys.path.insert(0, '.');"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'mysite.settings';"
        "from django.core.management import call_command;"
        "import django; django.setup(); call_command('migrate', verbosity=0);"
        "from combined.wsgi import application; from werkzeug.test import Client;"
        "c = Client(application);"
        "print([c.get(p).status_code for p in ('/shop/', '/api/', '/shop/orders/', '/healthz')])"
    )
    out = subprocess.run(
        [PYTHON, "-c", code],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=site_env(),
    )
    assert out.stdout.strip() == "[200, 200, 302, 200]", out.stderr
    # `combined routes` with the layer's own dependencies only (an adopted site has no
    # pydantic: the template's own commands are left out): the moved pages, no conflict.
    code = (
        "import sys; sys.modules['pydantic'] = None; sys.argv = ['combined', 'routes'];"
        "from combined.tools.entry import main; main()"
    )
    routes = subprocess.run(
        [PYTHON, "-c", code], cwd=site, capture_output=True, text=True, timeout=120, env=site_env()
    )
    assert routes.returncode == 0, routes.stdout + routes.stderr
    assert "took over django shop:orders" in routes.stdout
    assert routes.stdout.rstrip().endswith("routes, no conflicts.")


def refused(site: Path, *args: str) -> str:
    """Adopt ``site``; it must refuse with one line and leave the site as it was."""
    before = state(site)
    result = adopt(site, "--python", PYTHON, *args)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("combined adopt: "), result.stderr
    assert state(site) == before
    return lines[0]


def test_not_a_django_project(tmp_path):
    (tmp_path / "empty").mkdir()
    assert "is not a Django project: it has no manage.py" in refused_plain(tmp_path / "empty")


def refused_plain(path: Path) -> str:
    result = adopt(path, "--python", PYTHON)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_dirty_work_tree(site):
    replace(site / "shop" / "views.py", "Our shop", "My shop")
    assert "uncommitted changes (M shop/views.py" in refused(site)


def test_not_in_git(site):
    shutil.rmtree(site / ".git")
    assert "is not in a git work tree" in refused_plain(site)


def test_a_prefix_that_hides_a_page_of_the_site(site):
    replace(
        site / "mysite" / "urls.py",
        "    path('shop/', include('shop.urls')),",
        "    path('shop/', include('shop.urls')),\n    path('backend/', include('shop.urls')),",
    )
    # and a catch-all last, as Wagtail's page route: it takes any prefix, so it is no
    # reason to refuse one; adopt says what it means instead
    urls = site / "mysite" / "urls.py"
    urls.write_text(
        urls.read_text().replace("from django.urls import", "from django.urls import re_path,")
        + "\nurlpatterns.append(re_path(r'^((?:[\\w\\-]+/)*)$', admin.site.index))\n"
    )
    commit_all(site, "the shop twice, and a catch-all")
    line = refused(site)
    assert "/backend (BACKEND_PREFIX) would hide the site's URL pattern(s)" in line
    assert "shop:list (/backend/" in line and "choose another --backend-prefix" in line
    adopted = adopt(site, "--python", PYTHON, "--backend-prefix", "/flask")
    assert adopted.returncode == 0, adopted.stderr
    assert "answers any path; under /flask (and the health paths)" in adopted.stdout


def test_a_health_path_the_site_uses_is_refused_or_moved(site):
    replace(
        site / "mysite" / "urls.py",
        "    path('shop/', include('shop.urls')),",
        "    path('shop/', include('shop.urls')),\n    path('healthz', include('shop.urls')),",
    )
    commit_all(site, "a health page")
    line = refused(site)
    assert "/healthz (the layer's health check) would hide" in line
    assert "choose another --health-path" in line
    result = adopt(site, "--python", PYTHON, "--health-path", "/-/alive")
    assert result.returncode == 0, result.stderr
    settings = (site / "mysite" / "settings.py").read_text()
    assert 'HEALTH_PATHS = {"live": "/-/alive", "ready": "/readyz"}' in settings
    assert "location = /-/alive {" in (site / "deploy" / "nginx" / "site.conf").read_text()
    code = (
        "import os, sys; sys.path.insert(0, '.');"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'mysite.settings';"
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from combined.wsgi import application; from werkzeug.test import Client;"
        "c = Client(application);"
        "print(c.get('/-/alive').json['status'], b'<h1>' in c.get('/healthz/').data)"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], cwd=site, capture_output=True, text=True, timeout=120, env=site_env()
    )
    assert out.stdout.split() == ["ok", "True"], out.stderr  # /healthz/ is the site's page


def test_a_settings_package_gets_the_block_in_the_module_manage_py_names(site):
    package = site / "mysite" / "settings"
    package.mkdir()
    (site / "mysite" / "settings.py").rename(package / "dev.py")
    (package / "__init__.py").write_text("")
    (package / "production.py").write_text("from .dev import *  # noqa\nDEBUG = False\n")
    replace(site / "manage.py", "mysite.settings", "mysite.settings.dev")
    commit_all(site, "a settings package")
    result = adopt(site, "--python", PYTHON)
    assert result.returncode == 0, result.stderr
    assert "# combined:begin" in (package / "dev.py").read_text()
    assert "the block went into mysite.settings.dev only; mysite/settings/production.py" in (
        result.stdout
    )


def test_a_settings_module_that_raises(site):
    settings = site / "mysite" / "settings.py"
    settings.write_text(settings.read_text() + "\nraise RuntimeError('no database password')\n")
    commit_all(site, "broken settings")
    line = refused(site)
    assert "the settings module mysite.settings does not load: RuntimeError: no database" in line


def test_a_path_adopt_would_create_exists(site):
    (site / "flask_backend").mkdir()
    (site / "flask_backend" / "__init__.py").write_text("")
    commit_all(site, "a flask_backend of its own")
    assert "flask_backend/__init__.py exists already" in refused(site)


def test_a_module_that_would_hide_the_layer(site):
    (site / "combined.py").write_text("")
    commit_all(site, "a module named combined")
    assert "would hide the layer's package `combined`" in refused(site)


def test_a_pin_the_layer_cannot_install_beside(site):
    (site / "requirements.txt").write_text("Django==4.2.16\n")
    commit_all(site, "pinned")
    assert "requirements.txt pins Django==4.2.16, the layer needs Django" in refused(site)


def test_refused_before_the_site_is_asked_anything(site):
    """Paths of the layer that clash with each other, requirements that leave no version
    of the layer, a hash-locked file adopt has no source for, a site adopted before."""
    assert "--ready-path: /backend is under BACKEND_PREFIX /backend" in refused(
        site, "--ready-path", "/backend"
    )
    assert "--health-path and --ready-path are both /readyz" in refused(
        site, "--health-path", "/readyz"
    )
    (site / "requirements.txt").write_text("-r requirements/base.txt\n")
    (site / "requirements").mkdir()
    (site / "requirements" / "base.txt").write_text("Django>=4.2,<5.0\n")
    commit_all(site, "a range in an included file")
    line = refused(site)
    assert "requirements/base.txt asks for Django<5.0,>=4.2, the layer needs Django" in line
    (site / "requirements" / "base.txt").write_text("Django==5.2.8 \\\n    --hash=sha256:00\n")
    commit_all(site, "hash-locked")
    assert "requirements/base.txt is hash-locked (--hash) and there is no requirements.in" in (
        refused(site)
    )
    (site / ".template.json").write_text("{}\n")
    commit_all(site, "adopted")
    assert "was adopted already (.template.json)" in refused(site)


def test_a_site_whose_settings_have_the_layers_block_already(site):
    settings = site / "mysite" / "settings.py"
    settings.write_text(settings.read_text() + "\n# combined:begin -- left over\n# combined:end\n")
    commit_all(site, "a block left over")
    assert "already has a `# combined:begin` block" in refused(site)


def test_a_bad_prefix(site):
    assert "--backend-prefix: /static is the static files' URL" in refused(
        site, "--backend-prefix", "/static"
    )


def test_the_live_site_after_adoption_through_djangos_own_wsgi_app(site):
    """Django's own WSGI app (what LiveServerTestCase and django-webtest wrap) reaches
    the backend and the moved pages too."""
    assert adopt(site, "--python", PYTHON).returncode == 0
    moves().apply(site)
    code = (
        "import os, sys; sys.path.insert(0, '.');"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'mysite.settings';"
        "import django; django.setup();"
        "from django.core.management import call_command; call_command('migrate', verbosity=0);"
        "from django.core.wsgi import get_wsgi_application; from werkzeug.test import Client;"
        "c = Client(get_wsgi_application());"
        "print([c.get(p).status_code for p in ('/shop/', '/backend/', '/shop/orders/')])"
    )
    out = subprocess.run(
        [PYTHON, "-c", code], cwd=site, capture_output=True, text=True, timeout=120
    )
    assert out.stdout.strip() == "[200, 200, 302]", out.stderr


def test_a_later_version_of_the_layer_reaches_an_adopted_site(site, tmp_path):
    """``combined update``: the deploy files merge three ways, the requirement moves on."""
    assert adopt(site, "--python", PYTHON).returncode == 0
    template = tmp_path / "template"
    subprocess.run(["git", "clone", "-q", str(FIXTURES.parents[1]), str(template)], check=True)
    old = git(template, "rev-parse", "HEAD")
    replace(template / "deploy" / "uwsgi.ini", "listen = 128", "listen = 128\n; a later fix")
    commit_all(template, "a later version of the layer")
    new = git(template, "rev-parse", "HEAD")
    record = json.loads((site / ".template.json").read_text())
    assert record["commit"] == old
    record["source"] = str(template)
    (site / ".template.json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")
    replace(site / "deploy" / "uwsgi.ini", "harakiri = 30", "harakiri = 60")  # the site's own
    commit_all(site, "point at the template clone; a longer harakiri")

    result = subprocess.run(
        [str(FIXTURES.parents[1] / ".venv" / "bin" / "combined"), "update"],
        cwd=site, capture_output=True, text=True, timeout=300, env=site_env(),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    ini = (site / "deploy" / "uwsgi.ini").read_text()
    assert "; a later fix" in ini and "harakiri = 60" in ini
    assert f"@{new}" in (site / "requirements.txt").read_text()
    assert json.loads((site / ".template.json").read_text())["commit"] == new


def test_the_guides_moved_views_are_the_ones_the_tests_run():
    """docs/adopt.md shows the shop's Flask views; tests/fixtures/shop_moves runs them."""
    guide = (FIXTURES.parents[1] / "docs" / "adopt.md").read_text()
    marker = "<!-- adopt: tests/fixtures/shop_moves/shop.py -->"
    block = guide.split(marker, 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    shown = "\n".join(line.removeprefix("   ") for line in block.splitlines())
    code = (FIXTURES / "shop_moves" / "shop.py").read_text()
    code = code.split('"""', 2)[2].replace("from __future__ import annotations\n", "")
    assert shown.strip() == code.strip()
