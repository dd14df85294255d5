"""Bulk loads that redo derived data once at the end instead of on every save.

Inside `bulk_load()`, content saves do not bump the content version or
re-index the page for search; the caller must call `bump_content_version()`
and `rebuild_search_index()` afterwards (load_starter_content does).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_bulk: ContextVar[bool] = ContextVar("bulk_load", default=False)


@contextmanager
def bulk_load() -> Iterator[None]:
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)


def in_bulk_load() -> bool:
    return _bulk.get()
