import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test.utils import override_settings
from django.utils import translation

from interpolinfo.page_cache import local_pages
from interpolinfo.version_memo import forget_all
from tests.content import load_starter_content, loaded_for_module


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Serve static files without the manifest, which only `collectstatic` builds.

    Tests that need production's hashed, compressed files run collectstatic
    themselves (the browser and benchmark tests do).
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def redis_database_for_worker(location: str, worker: str) -> str:
    """The Redis URL `location` pointed at database 1 + the xdist worker's number."""
    number = int(worker.removeprefix("gw")) + 1
    return urlunsplit(urlsplit(location)._replace(path=f"/{number}"))


@pytest.fixture(autouse=True, scope="session")
def _redis_database_per_worker(django_test_environment):
    """Give each pytest-xdist worker its own Redis database.

    `cache.clear()` flushes a whole Redis database, and the once-a-day keys
    (the search-log purge) are shared: two workers on one database undo each
    other's tests. Database 0 stays for the serial runs and the live servers.
    """
    from django.conf import settings

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    default = settings.CACHES["default"]
    if not worker or not default["BACKEND"].endswith("RedisCache"):
        yield
        return
    caches = {
        "default": {**default, "LOCATION": redis_database_for_worker(default["LOCATION"], worker)}
    }
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """Each request activates its page's language in the thread, and Django leaves it
    active afterwards; a test starts in English, as `manage.py` commands do."""
    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _page_cache_per_test(db):
    """Every public request reads the content version row (interpolinfo/page_cache.py),
    and each test starts with an empty cache, as the rolled-back database would expect."""
    cache.clear()
    local_pages.clear()
    forget_all()


@pytest.fixture(scope="module")
def _starter_content_for_module(django_db_setup, django_db_blocker):
    with loaded_for_module(django_db_blocker, load_starter_content):
        yield


@pytest.fixture
def starter_content(_starter_content_for_module, db) -> None:
    """The starter content as `make run` loads it, loaded once per module."""
