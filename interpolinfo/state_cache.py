"""A cache for the content state alone, shared by every process on one machine.

Without Redis the page cache is each process's own memory, which a bump made
in another gunicorn worker cannot reach, so each request read the version row.
The state is one small value: kept in a file instead (Django's file-based
cache), every worker reads the same one with no SQL. Writes take a lock, so an
`add` from a reader that read the row before an edit committed can never
replace the newer state the edit stored (Redis's `add` is atomic by itself).

Used with SQLite only, where every process is on one machine by nature; a
PostgreSQL site without Redis reads the row on every request instead.
"""

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

LOCK_FILE = "lock"


class LockedFileCache(FileBasedCache):
    @contextmanager
    def _locked(self) -> Iterator[None]:
        self._createdir()
        with open(Path(self._dir) / LOCK_FILE, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        with self._locked():
            if self.has_key(key, version):
                return False
            FileBasedCache.set(self, key, value, timeout, version)
            return True

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        with self._locked():
            FileBasedCache.set(self, key, value, timeout, version)

    def delete(self, key, version=None) -> bool:
        with self._locked():
            return FileBasedCache.delete(self, key, version)
