"""The content state's file on SQLite: every process reads the same one, and a reader's
late `add` never replaces the newer state an edit stored."""

import pytest
from django.conf import settings
from django.core.cache import caches

from interpolinfo.content_version import STATE_KEY, current_state
from interpolinfo.state_cache import LockedFileCache


@pytest.fixture
def two_processes(tmp_path):
    """Two caches on one folder, as two gunicorn workers have."""
    return LockedFileCache(str(tmp_path), {}), LockedFileCache(str(tmp_path), {})


def test_a_state_one_process_stores_is_read_by_another(two_processes):
    editor, reader = two_processes
    editor.set(STATE_KEY, "version 7")
    assert reader.get(STATE_KEY) == "version 7"
    editor.delete(STATE_KEY)
    assert reader.get(STATE_KEY) is None


def test_a_late_add_from_a_reader_never_replaces_a_newer_state(two_processes):
    editor, reader = two_processes
    editor.set(STATE_KEY, "version 8")
    assert reader.add(STATE_KEY, "version 7") is False
    assert reader.get(STATE_KEY) == "version 8"
    editor.delete(STATE_KEY)
    assert reader.add(STATE_KEY, "version 8") is True


@pytest.mark.django_db
@pytest.mark.usefixtures("groups_are_content")
def test_a_cached_page_reads_no_sql_with_redis_or_on_sqlite(client, django_assert_num_queries):
    """No setting asked for: Redis keeps the state beside the pages, SQLite in the file."""
    alias = "default" if settings.REDIS_URL else "content-state"
    assert alias == settings.CONTENT_STATE_CACHE_ALIAS
    client.get("/groups/")
    with django_assert_num_queries(0):
        assert client.get("/groups/")["X-Page-Cache"] == "hit"
    assert caches[alias].get(STATE_KEY) == current_state()
