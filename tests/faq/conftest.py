import pytest


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Pages render without running collectstatic first (no manifest needed)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
