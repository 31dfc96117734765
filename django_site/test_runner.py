"""``manage.py test``: the tests of your apps in ``apps/``, with Django's own runner.

Why: given no label, Django's ``DiscoverRunner`` looks for tests from the current
folder. Here that is the project's root, and its ``tests/`` is the project's own
suite: written for pytest, with a test-only app and settings of its own, run by
``python3 dev.py test``. This runner gives ``manage.py test`` what it runs in a
project made by ``startproject``: the tests of the project's apps, here the installed
apps whose folder is in ``apps/`` (``APPS_DIR`` in ``django_site/settings.py``).
Given labels (``manage.py test polls``, ``polls.tests.QuestionModelTests``), it is
Django's runner, unchanged.

Not for the project's own suite: ``python3 dev.py test`` runs that, and your apps'
tests with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from unittest import TestSuite

from django.apps import apps
from django.conf import settings
from django.test.runner import DiscoverRunner


def app_labels() -> list[str]:
    """The names of the installed apps whose folder is in ``APPS_DIR``."""
    folder = Path(settings.APPS_DIR).resolve()
    return [
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(folder)
    ]


class AppsTestRunner(DiscoverRunner):
    """Django's ``DiscoverRunner``; without labels, the apps in ``APPS_DIR``."""

    def build_suite(self, test_labels: list[str] | None = None, **kwargs: Any) -> TestSuite:
        labels = list(test_labels or app_labels())
        if not labels:  # no app in apps/ yet: nothing to run (never the project's tests/)
            self.log("Found 0 test(s): no installed app in apps/ (see apps/README.md).")
            return self.test_suite()
        return super().build_suite(labels, **kwargs)
