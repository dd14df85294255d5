import pytest

from contact.starter import load_starter_flow


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs `collectstatic`; pages under test only need URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def starter_flow(db):
    """The starter flow, channels and country contacts, as `load_starter_content` makes them."""
    load_starter_flow()
