"""A bounded, thread-safe ``key -> WSGI app`` cache that builds each app once at a time.

Why it exists: the tenant dispatchers (:mod:`combined.dispatch`) build one app
per tenant on demand. Flask's documented recipe caches every result forever and
holds one global lock while an app is built; this cache bounds both the apps
(an LRU, with an optional age limit) and the "unknown tenant" answers (a FIFO
with a time to live), and builds outside its lock, one build per key at a time.
It lives apart from the dispatchers because it knows nothing of hosts or paths.

When not to use it: for a fixed set of apps a dict (or Werkzeug's
``DispatcherMiddleware``) is simpler. Each worker process has its own cache, so
:meth:`AppCache.evict` reaches only the process it runs in.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from werkzeug.exceptions import HTTPException

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication


class AppBuildError(RuntimeError):
    """This request waited for another request's build of the same app, which failed."""


class _Build:
    __slots__ = ("done", "error", "value")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.error: BaseException | None = None
        self.value: Any = None


class AppCache:
    """Thread-safe ``key -> app`` cache around one factory, bounded in size and age.

    Apps live in an LRU of ``max_apps``, each for ``max_age`` seconds at most
    (0: no limit); "unknown" results (None or an
    ``HTTPException``) in a FIFO of ``max_negative`` that forgets each entry
    ``negative_ttl`` seconds after it was built (0 disables it).  A global lock
    guards only the dicts; each key's build runs outside it, once at a time.
    """

    def __init__(
        self,
        factory: Callable[[str], WSGIApplication | None],
        *,
        max_apps: int = 128,
        max_negative: int = 1024,
        negative_ttl: float = 30.0,
        max_age: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_apps < 1 or max_negative < 0 or negative_ttl < 0 or max_age < 0:
            raise ValueError(
                "need max_apps >= 1, max_negative >= 0, negative_ttl >= 0, max_age >= 0"
            )
        self._factory, self._clock = factory, clock
        self._max_apps, self._max_negative, self._ttl = max_apps, max_negative, negative_ttl
        self._max_age = max_age
        self._apps: OrderedDict[str, tuple[float, WSGIApplication]] = OrderedDict()
        self._negative: OrderedDict[str, tuple[float, WSGIApplication | None]] = OrderedDict()
        self._building: dict[str, _Build] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """Number of live (successfully built) apps."""
        return len(self._apps)

    @property
    def negative_count(self) -> int:
        """Number of remembered "unknown tenant" results, expired or not."""
        return len(self._negative)

    def get(self, key: str) -> WSGIApplication | None:
        """Return the app for ``key``, calling the factory at most once at a time per key."""
        with self._lock:
            live = self._apps.get(key)
            if live is not None:
                if not self._max_age or self._clock() < live[0]:
                    self._apps.move_to_end(key)
                    return live[1]
                del self._apps[key]
            entry = self._negative.get(key)
            if entry is not None:
                if self._clock() < entry[0]:
                    return entry[1]
                del self._negative[key]
            build = self._building.get(key)
            owner = build is None
            if build is None:
                build = self._building[key] = _Build()
        if not owner:
            build.done.wait()
            if build.error is not None:
                raise AppBuildError(f"building the app for {key!r} failed") from build.error
            return build.value
        try:
            build.value = self._factory(key)
        except BaseException as exc:
            build.error = exc
            self._finish(key, build, store=False)
            raise
        self._finish(key, build, store=True)
        return build.value

    def _finish(self, key: str, build: _Build, *, store: bool) -> None:
        with self._lock:
            # After evict()/clear() during the build, the result is served but not kept.
            if self._building.get(key) is build:
                del self._building[key]
                if store:
                    self._store(key, build.value)
        build.done.set()

    def _store(self, key: str, value: WSGIApplication | None) -> None:
        if value is not None and not isinstance(value, HTTPException):
            expires = self._clock() + self._max_age if self._max_age else 0.0
            self._apps[key] = (expires, value)
            while len(self._apps) > self._max_apps:
                self._apps.popitem(last=False)
        elif self._ttl and self._max_negative:
            self._negative[key] = (self._clock() + self._ttl, value)
            while len(self._negative) > self._max_negative:
                self._negative.popitem(last=False)  # the oldest expires first

    def evict(self, key: str) -> None:
        """Forget ``key`` (app, unknown result or running build); the next request rebuilds."""
        with self._lock:
            self._apps.pop(key, None)
            self._negative.pop(key, None)
            self._building.pop(key, None)

    def clear(self) -> None:
        """Forget every key."""
        with self._lock:
            self._apps.clear()
            self._negative.clear()
            self._building.clear()
