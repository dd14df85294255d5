"""Django's Redis cache, with one redis-py client per process instead of one per call.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every
cache operation, and redis-py 8 fills a table of about 170 response callbacks
in each one: about 180 µs of CPU per call here, more than everything else a
cached page cost. A client is thread-safe and holds no connection of its own
(the pool does), so one per pool is kept and reused. Everything else is
Django's.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # Pools are never dropped, so an id is never reused for another pool.
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
