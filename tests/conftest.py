import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.test.utils import override_settings
from django.utils import translation

from interpolinfo import state_watch
from interpolinfo.page_cache import local_pages
from interpolinfo.version_memo import forget_all
from tests.content import load_starter_content, module_fixture


def pytest_collection_modifyitems(config, items):
    """Multi-process and load tests (`slow`) first: in a run of two processes, a soak
    that starts late would leave one process running it alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


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
def _caches_per_worker(django_test_environment, tmp_path_factory):
    """Give each test process its own caches.

    With Redis, each pytest-xdist worker gets its own Redis database:
    `cache.clear()` flushes a whole Redis database, and the once-a-day keys (the
    search-log purge) are shared, so two workers on one database undo each
    other's tests. Database 0 stays for the serial runs and the live servers.
    On SQLite, the content state's file (interpolinfo/state_cache.py) goes to a
    folder of the process's own instead of the one beside the development database.
    """
    from django.conf import settings

    caches = dict(settings.CACHES)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    default = caches["default"]
    if worker and default["BACKEND"].endswith("RedisCache"):
        location = redis_database_for_worker(default["LOCATION"], worker)
        caches["default"] = {**default, "LOCATION": location}
    if "content-state" in caches:
        folder = tmp_path_factory.mktemp("content-state")
        caches["content-state"] = {**caches["content-state"], "LOCATION": str(folder)}
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing(django_test_environment):
    """MD5 for the passwords tests make, as Django's testing documentation advises:
    PBKDF2's million rounds cost 0.2 s a hash here, and many tests make staff users.
    The gunicorn tests (tests/perf/test_live.py, tests/proxy) run production's hashers
    in their own processes."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
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
    caches[settings.CONTENT_STATE_CACHE_ALIAS].clear()
    local_pages.clear()
    forget_all()
    state_watch.forget()  # its copy would outlive the emptied cache


_starter_content_for_module = module_fixture(load_starter_content)


@pytest.fixture
def starter_content(_starter_content_for_module, db) -> None:
    """The starter content as `make run` loads it, loaded once per module."""
