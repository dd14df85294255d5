import pytest


@pytest.fixture
def groups_are_content(settings):
    """Stand-in content: auth groups, shown at /groups/, bump the version like faq models."""
    settings.CONTENT_VERSION_APPS = ["auth"]
    settings.ROOT_URLCONF = "tests.perf.urls"


@pytest.fixture(autouse=True)
def page_cache_diagnostics(settings):
    """The X-Page-Cache header these tests read (production never sends it)."""
    settings.PAGE_CACHE_DIAGNOSTIC_HEADER = True
