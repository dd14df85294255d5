"""Values derived from content, kept in this process for one content version.

The page cache already reads the content version at the start of every public
request; while that request is served, `remember(name, compute)` returns what
`compute()` gave the last time it ran at the same version in this process.
A content edit bumps the version, so nothing here can be stale for longer than
it takes the next request to read the new version. Outside a public request
(admin, staff with a cookie, management commands) nothing is remembered.

Only immutable results, or results nobody modifies (model instances that
templates read), may be remembered: they are shared between threads.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

T = TypeVar("T")
MAX_ENTRIES = 2000

_serving: ContextVar[int | None] = ContextVar("serving_content_version", default=None)
_memo: OrderedDict[Hashable, tuple[int, object]] = OrderedDict()
_lock = threading.Lock()


@contextmanager
def serving(version: int) -> Iterator[None]:
    """Mark the current request as served at content `version`."""
    token = _serving.set(version)
    try:
        yield
    finally:
        _serving.reset(token)


def remember(
    name: Hashable, compute: Callable[[], T], *, keep: Callable[[T], bool] | None = None
) -> T:
    """`compute()`, or what it returned at this content version before.

    A value `keep` refuses (e.g. a flow that failed validation) is not kept, so
    the next request tries again.
    """
    version = _serving.get()
    if version is None:
        return compute()
    with _lock:
        entry = _memo.get(name)
        if entry is not None and entry[0] == version:
            _memo.move_to_end(name)
            return entry[1]  # type: ignore[return-value]
    value = compute()
    if keep is not None and not keep(value):
        return value
    with _lock:
        _memo[name] = (version, value)
        _memo.move_to_end(name)
        while len(_memo) > MAX_ENTRIES:
            _memo.popitem(last=False)
    return value


def forget_all() -> None:
    with _lock:
        _memo.clear()
