"""Content that many tests of a module share, loaded once for the module."""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.db import transaction


@contextmanager
def loaded_for_module(django_db_blocker, load: Callable[[], object]) -> Iterator[None]:
    """Run `load` once for all the tests of a module, inside a transaction that is
    rolled back after the module's last test.

    Each test runs in a savepoint within it (pytest-django's `db`), so what one
    test changes is gone before the next, as with Django's `setUpTestData`.
    Loading the starter content takes seconds, and several modules need it in
    many tests. Tests of the module that run after the first that asks for it
    see it too, so use it where every test wants the content. Not for
    live-server tests, which commit.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load()
        yield
        transaction.set_rollback(True)


def module_fixture(load: Callable[[], object]):
    """A module-scoped fixture that runs `load` once for a module (`loaded_for_module`).

    Tests take it through a function-scoped fixture that names it before `db`, so it
    is set up first and each test still runs in its own savepoint:

        _flow_for_module = module_fixture(load_flow)

        @pytest.fixture
        def flow_for_module(_flow_for_module, db): ...
    """

    @pytest.fixture(scope="module")
    def loaded(django_db_setup, django_db_blocker) -> Iterator[None]:
        with loaded_for_module(django_db_blocker, load):
            yield

    return loaded


def load_starter_content() -> None:
    call_command("load_starter_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
