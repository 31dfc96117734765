"""Settings for the servers and commands the tests start: the module they would run
(named by ``HASHING_FAST_FOR``), with passwords hashed fast.

Why: Django's PBKDF2 spends about half a CPU-second here on each login and each user
made, and the servers of one test run see about 30 of them: 16 CPU-seconds, in the
template's run and again in each generated project's. Django's testing docs advise a
fast hasher in tests, and the pytest process has one (conftest.py). What those servers
test (the router, the workers, throttling, bodies, sign-in through each server) does
not depend on the hasher. ``tests.servers.site_env`` names this module; a test that
drops ``DJANGO_SETTINGS_MODULE`` to run ``deploy/uwsgi.ini``'s own default gets the
site's settings untouched. The scale cluster's nodes keep PBKDF2: nginx's login rate
limit there counts logins at the speed the site makes them.
"""

import os
from importlib import import_module

_wrapped = import_module(os.environ["HASHING_FAST_FOR"])
globals().update({name: value for name, value in vars(_wrapped).items() if name.isupper()})
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
