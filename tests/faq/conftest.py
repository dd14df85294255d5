import pytest

from tests.faq.test_admin import staff_in


@pytest.fixture
def editor():
    return staff_in("Editors", "eddie")


@pytest.fixture
def publisher():
    return staff_in("Publishers", "pat")
