"""One store shared by the server's worker threads, used by one thread at a time.

The store holds a single database connection; FastAPI runs each request in a thread
pool. Serialising calls keeps a write transaction (POST /api/articles) from being seen
half-done by a concurrent read on the same connection.
"""

from __future__ import annotations

import functools
import threading


class LockedStore:
    def __init__(self, store) -> None:
        self._store = store
        self._lock = threading.RLock()

    def __getattr__(self, name: str):
        value = getattr(self._store, name)
        if not callable(value):
            return value
        return functools.partial(self._call, value)

    def _call(self, method, *args, **kwargs):
        with self._lock:
            return method(*args, **kwargs)

    def call(self, function, *args):
        """``function(store, *args)`` with the store to itself, for work of several calls."""
        with self._lock:
            return function(self._store, *args)

    @property
    def inner(self):
        return self._store
