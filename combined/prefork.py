"""Keep what the uWSGI master loaded shared with its workers (imported by uwsgi.ini, last).

Why: the master imports the site's settings before it forks (``combined.preflight``),
so every worker starts with those objects on pages it shares with the master. Python's
garbage collector writes into each object it examines, and a worker's first full
collection (after a few hundred requests) examines them all: the kernel then copies
every such page into the worker. Measured on the sample site under uWSGI, each worker
grew by about 5 MiB of PSS at that moment, whichever app it ran. ``gc.freeze()`` moves the
objects the master holds into a generation no collection looks at, as Python's
``gc`` documentation advises before a fork; the workers' own objects are collected as
before. The master's objects stay alive for the life of the server anyway.

When not to use it: anywhere but a uWSGI master (``shared-py-import``), after its
other imports. Importing it elsewhere does nothing.
"""

from __future__ import annotations

import gc

try:
    import uwsgi  # only importable inside uWSGI
except ImportError:
    uwsgi = None

if uwsgi is not None:
    gc.freeze()
