"""The Redis cache keeps one client per process (interpolinfo/redis_cache.py)."""

from unittest import mock

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

pytestmark = pytest.mark.services


def test_production_uses_the_cache_that_reuses_its_client():
    assert settings.CACHES["default"]["BACKEND"] == "interpolinfo.redis_cache.RedisCache"


def test_every_call_gets_the_same_client():
    # (Django keeps a cache object per thread, so each thread has its own client.)
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is first
    assert cache._cache.get_client("any key") is first


def test_it_stores_reads_adds_and_deletes_like_djangos_own():
    cache.set("reuse-test", {"a": 1}, 30)
    assert cache.get("reuse-test") == {"a": 1}
    assert cache.add("reuse-test", "other") is False
    assert cache.delete("reuse-test") is True
    assert cache.add("reuse-test", "new") is True
    cache.set("reuse-test-count", 1)
    assert cache.incr("reuse-test-count") == 2
    assert cache.get_many(["reuse-test", "missing"]) == {"reuse-test": "new"}


@pytest.mark.django_db
@pytest.mark.usefixtures("groups_are_content")
def test_a_cached_page_builds_no_redis_client(client):
    client.get("/groups/")  # renders and stores the page; the client exists from here on
    built = mock.Mock(wraps=redis.Redis.__init__)
    with mock.patch.object(redis.Redis, "__init__", lambda *a, **kw: built(*a, **kw)):
        assert client.get("/groups/")["X-Page-Cache"] == "hit"
    assert built.call_count == 0
