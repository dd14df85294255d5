import pytest

from contact.starter import load_starter_flow
from tests.directory.sample import make_sample_directory


@pytest.fixture
def starter_flow(db):
    """The starter flow and INTERPOL channels, as `load_starter_content` makes them,
    and a small country directory (tests/directory/sample.py)."""
    load_starter_flow()
    make_sample_directory()
