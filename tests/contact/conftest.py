import pytest

from contact.starter import load_starter_flow
from tests.content import module_fixture
from tests.directory.sample import make_sample_directory


def load_flow_and_sample_directory() -> None:
    """The starter flow and INTERPOL channels, as `load_starter_content` makes them,
    and a small country directory (tests/directory/sample.py)."""
    load_starter_flow()
    make_sample_directory()


@pytest.fixture
def starter_flow(db):
    load_flow_and_sample_directory()


_starter_flow_for_module = module_fixture(load_flow_and_sample_directory)


@pytest.fixture
def starter_flow_for_module(_starter_flow_for_module, db) -> None:
    """`starter_flow`, loaded once for a module whose every test wants it (tests/content.py)."""
