"""Django's Redis cache, made cheap enough to ask on every request.

Every public request reads the content state from Redis (see
interpolinfo/content_version.py), and most then need nothing else: the page
itself is already in the worker's memory. So a `get` is the whole cost of a
cached page beyond Django's own, and two things made it dear:

- Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every
  operation, and redis-py 8 fills a table of about 170 response callbacks in
  each one: about 180 µs of CPU per call here. One client per pool is kept.
- redis-py's command path (pool checkout, observability hooks, response
  callbacks) cost another 30 µs around a 20 µs round trip. A `get` goes
  straight to a connection this cache keeps for itself, checked before use
  as the pool checks the connections it hands out, with none of the rest.

Django keeps a cache object per thread, so the kept connection is never shared
between threads; a forked process makes its own. Everything else is Django's.
"""

import os

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError, TimeoutError


class LeanRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._reader = None
        self._reader_pid = None

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # Pools are never dropped, so an id is never reused for another pool.
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client

    def get(self, key, default):
        connection = self._ready_reader()
        try:
            connection.send_command("GET", key)
            value = connection.read_response()
        except BaseException:
            # As redis-py does with a failed command: the connection is closed, and the
            # next call opens a new one. (Django's pools retry nothing.)
            connection.disconnect()
            raise
        return default if value is None else self._serializer.loads(value)

    def _ready_reader(self):
        """The kept connection, checked as redis-py's pool checks one it hands out."""
        if self._reader is None or self._reader_pid != os.getpid():
            self._reader = self._get_connection_pool(write=False).make_connection()
            self._reader_pid = os.getpid()
        connection = self._reader
        connection.connect()  # nothing to do when connected
        # Readable (or closed) before a command means the server hung up (restart, idle
        # timeout) or an interrupted read left a reply behind: start afresh either way.
        try:
            stale = connection.can_read()
        except (ConnectionError, TimeoutError, OSError):
            stale = True
        if stale:
            connection.disconnect()
            connection.connect()
        return connection


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = LeanRedisCacheClient
