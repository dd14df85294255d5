import pytest


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
