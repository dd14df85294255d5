import pytest

from contact.starter import load_starter_flow


@pytest.fixture
def starter_flow(db):
    """The starter flow, channels and country contacts, as `load_starter_content` makes them."""
    load_starter_flow()
