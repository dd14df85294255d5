import pytest
from django.core.cache import cache

from interpolinfo.page_cache import local_pages


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


@pytest.fixture(autouse=True)
def _page_cache_per_test(db):
    """Every public request reads the content version row (interpolinfo/page_cache.py),
    and each test starts with an empty cache, as the rolled-back database would expect."""
    cache.clear()
    local_pages.clear()
