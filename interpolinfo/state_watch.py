"""Each process keeps the content state it read last, until Redis announces a change.

With Redis, the content state (interpolinfo/content_version.py) is read from
Redis on every public request: a round trip that cost a cached page more than
the rest of its work. Instead, each process subscribes to one Redis channel,
and every change to the stored state (a bump forgetting it, an edit storing
the new one on commit) is announced there after it is made. A request first
reads whatever announcements are waiting on that connection (a check that
needs no round trip), and uses the state it holds only if none arrived since
it was read. So an edit saved through any instance is served by every
instance on the next request, as before: the announcement is sent before the
editor's own response, and has arrived long before anyone can ask again.

A subscription (re)confirmed by Redis counts as an announcement, since
messages sent while it was being made, or while Redis restarted, are lost;
a connection error drops the state and the subscription, and the next
request starts again. The state is also kept CONTENT_STATE_WATCH_SECONDS at
the most, a bound for a failure nobody sees (a connection silently cut).

Only where the state lives in Redis; elsewhere (a file on SQLite, local
memory) nothing here is used.
"""

import logging
import os
import threading
import time

from django.conf import settings
from django.core.cache import caches

from interpolinfo.redis_cache import RedisCache

CHANNEL = "content-state-changed"
logger = logging.getLogger(__name__)


class _Watch:
    """One subscription per process, shared by its threads under a lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pubsub = None
        self.pid: int | None = None
        self.listening = False  # Redis confirmed the subscription
        self.state = None
        self.read_at = 0.0

    def drop(self) -> None:
        if self.pubsub is not None and self.pid == os.getpid():
            try:
                self.pubsub.close()
            except Exception:
                logger.debug("Closing the content-state subscription failed", exc_info=True)
        self.pubsub, self.pid, self.listening, self.state = None, None, False, None


_watch = _Watch()


def _cache():
    return caches[settings.CONTENT_STATE_CACHE_ALIAS]


def is_enabled() -> bool:
    return settings.CONTENT_STATE_WATCH_SECONDS > 0 and isinstance(_cache(), RedisCache)


def unchanged_state():
    """The state this process read last, if no change was announced since; else None.

    Reads every announcement waiting, so call it first, before reading the state.
    """
    if not is_enabled():
        return None
    with _watch.lock:
        try:
            if _watch.pubsub is None or _watch.pid != os.getpid():
                _subscribe()
            while (message := _watch.pubsub.get_message(timeout=0)) is not None:
                _watch.state = None
                if message["type"] == "subscribe":
                    _watch.listening = True
        except Exception:
            logger.warning("Content-state announcements unavailable; reading it", exc_info=True)
            _watch.drop()
            return None
        if time.monotonic() - _watch.read_at > settings.CONTENT_STATE_WATCH_SECONDS:
            _watch.state = None
        return _watch.state


def remember(state) -> None:
    """Keep `state`, read after `unchanged_state()`, until a change is announced."""
    if not is_enabled():
        return
    with _watch.lock:
        if _watch.listening and _watch.pid == os.getpid():
            _watch.state, _watch.read_at = state, time.monotonic()


def announce() -> None:
    """Tell every process that the stored state changed; call after changing it."""
    if not is_enabled():
        return
    with _watch.lock:
        # This process stops using its copy at once, without waiting for its own message.
        _watch.state = None
    try:
        _cache()._cache.get_client(write=True).publish(_cache().make_key(CHANNEL), b"changed")
    except Exception:
        logger.warning("Cache unavailable; content-state change not announced", exc_info=True)


def forget() -> None:
    """Drop this process's copy and subscription (tests that empty Redis call this)."""
    with _watch.lock:
        _watch.drop()


def _subscribe() -> None:
    _watch.drop()
    pubsub = _cache()._cache.get_client().pubsub()
    pubsub.subscribe(_cache().make_key(CHANNEL))
    _watch.pubsub, _watch.pid = pubsub, os.getpid()
