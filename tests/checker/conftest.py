from urllib.parse import urlencode

import pytest
from django.urls import reverse

from checker.starter import load_starter_signs
from contact.starter import load_starter_flow
from interpolinfo.bulk import bulk_load
from interpolinfo.content_version import bump_content_version
from tests.content import module_fixture

FORM = "application/x-www-form-urlencoded"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def load_signs() -> None:
    """The starter warning signs (without the pages they link to: those are optional),
    loaded as load_starter_content does: one content-version bump at the end."""
    with bulk_load():
        load_starter_signs()
    bump_content_version()


def load_signs_and_flow() -> None:
    load_signs()
    load_starter_flow()


@pytest.fixture
def signs(db):
    load_signs()


@pytest.fixture
def flow(db):
    """The starter wizard, for the next-step links."""
    load_starter_flow()


_signs_and_flow_for_module = module_fixture(load_signs_and_flow)


@pytest.fixture
def signs_and_flow_for_module(_signs_and_flow_for_module, db) -> None:
    """The starter signs and the starter wizard (for the next-step links), loaded once
    for a module whose every test wants them (tests/content.py)."""


def check(client, text: str, *, query: str = "", headers=None, **kwargs):
    """Post the way a browser submits the checker's form: url-encoded, same origin."""
    return client.post(
        reverse("checker:check") + query,
        urlencode({"message": text}),
        content_type=FORM,
        headers=SAME_ORIGIN if headers is None else headers,
        **kwargs,
    )
