"""Each process keeps the content state until Redis announces a change (interpolinfo/state_watch.py)."""

import time
from dataclasses import replace
from unittest import mock

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

from interpolinfo import state_watch
from interpolinfo.content_version import STATE_KEY, bump_content_version, current_state
from interpolinfo.redis_cache import ReusedRedisCacheClient

pytestmark = [pytest.mark.services, pytest.mark.django_db]


@pytest.fixture
def redis_gets():
    """Counts the GETs this process sends to Redis."""
    with mock.patch.object(
        ReusedRedisCacheClient, "get", autospec=True, side_effect=ReusedRedisCacheClient.get
    ) as get:
        yield get


def watching() -> object:
    """Reads until Redis has confirmed the subscription and the state is held."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        state = current_state()
        if state_watch.unchanged_state() == state:
            return state
        time.sleep(0.01)
    raise AssertionError("the subscription was never confirmed")


def another_process_stores(state) -> None:
    """What another instance's edit does on commit: store the state, then announce it."""
    other = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    other.set(cache.make_key(STATE_KEY), cache._cache._serializer.dumps(state))
    other.publish(cache.make_key(state_watch.CHANNEL), b"changed")
    time.sleep(0.05)  # the next request comes later than the message


def test_a_held_state_costs_no_round_trip(redis_gets):
    state = watching()
    redis_gets.reset_mock()
    for _ in range(20):
        assert current_state() == state
    assert redis_gets.call_count == 0


def test_a_change_announced_by_another_process_is_read_on_the_next_request(redis_gets):
    state = watching()
    newer = replace(state, version=state.version + 1)
    another_process_stores(newer)
    assert current_state() == newer


def test_without_an_announcement_the_held_copy_is_what_is_used():
    """The test above would pass without a watch; this shows the copy is really kept."""
    state = watching()
    other = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    newer = replace(state, version=state.version + 1)
    other.set(cache.make_key(STATE_KEY), cache._cache._serializer.dumps(newer))
    assert current_state() == state


def test_an_edit_in_this_process_is_read_at_once(django_capture_on_commit_callbacks):
    state = watching()
    with django_capture_on_commit_callbacks(execute=True):
        bump_content_version()
    assert current_state().version == state.version + 1


def test_a_lost_subscription_sends_the_next_request_to_redis(redis_gets):
    watching()
    other = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    assert other.client_kill_filter(_type="pubsub") >= 1
    redis_gets.reset_mock()
    state = current_state()
    assert redis_gets.call_count == 1
    assert state == current_state()


def test_the_copy_is_kept_for_a_bounded_time(redis_gets, settings):
    settings.CONTENT_STATE_WATCH_SECONDS = 1
    watching()
    redis_gets.reset_mock()
    later = time.monotonic() + 2
    with mock.patch("interpolinfo.state_watch.time.monotonic", return_value=later):
        current_state()
    assert redis_gets.call_count == 1


def test_switched_off_every_request_reads_redis(redis_gets, settings):
    settings.CONTENT_STATE_WATCH_SECONDS = 0
    current_state()
    redis_gets.reset_mock()
    current_state()
    current_state()
    assert redis_gets.call_count == 2
