"""Deployment checks of our own, run by ``manage.py check --deploy``.

HSTS is switched on in steps (``.env.production.example``): a short ``max-age``
first, a year when HTTPS works everywhere, then ``includeSubDomains`` and
``preload``. Django's ``security.W005`` and ``security.W021`` ask for the last two
at once, which is wrong advice during the first step; ``django_site.configure``
silences them while ``max-age`` is under a year, and ``site.I001`` here says what
the next step is instead. From a year on, Django's own checks apply unchanged.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Info, Tags, register

from django_site.configure import hsts_ramping_up


@register(Tags.security, deploy=True)
def hsts_next_step(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    seconds = settings.SECURE_HSTS_SECONDS
    if not hsts_ramping_up(seconds):
        return []
    return [
        Info(
            f"HSTS is ramping up: max-age is {seconds} s.",
            hint=(
                "When every page works over HTTPS, set SECURE_HSTS_SECONDS=31536000; then, "
                "when every subdomain does too, SECURE_HSTS_INCLUDE_SUBDOMAINS=true and "
                "SECURE_HSTS_PRELOAD=true (security.W005 and W021 are silenced until then)."
            ),
            id="site.I001",
        )
    ]
