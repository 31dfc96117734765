"""pytest plugin (loaded with ``-p tests.environment``): a known environment.

It runs before pytest-django imports the Django settings, so the variables the
settings read are pinned here, and ``COMBINED_ENV_FILE=""`` keeps a developer's
(or a generated project's) ``.env`` out of the tests.
"""

import os

TEST_ENV = {
    "COMBINED_ENV_FILE": "",  # never read the developer's .env
    "DEBUG": "false",
    "SECRET_KEY": "test-secret-key-not-for-production-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1,[::1],.example.test",
    "BACKEND_PREFIX": "/backend",
    "TIME_ZONE": "UTC",
    "LOG_LEVEL": "WARNING",
    "PROXY_COUNT": "0",
    "REDIS_URL": "",
    # Production rules apply (DEBUG is off): links in emails go to this address, and
    # Django's test runner swaps the backend for its in-memory outbox anyway.
    "SITE_URL": "http://localhost",
    "EMAIL_URL": "memorymail://",
}

for _name, _value in TEST_ENV.items():
    os.environ.setdefault(_name, _value)
