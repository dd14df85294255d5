"""Anonymous counts on PostgreSQL do not wait for the disk, and nothing else is relaxed."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from contact.models import Outcome, OutcomeCount

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
RELAX = "set_config('synchronous_commit', 'off', true)"


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


@pytest.fixture
def outcome():
    assert connection.vendor == "postgresql", "synchronous_commit is PostgreSQL's"
    return Outcome.objects.create(slug="o", title="O", summary=".")


def test_a_count_on_its_own_is_committed_without_waiting_for_the_disk(outcome):
    with CaptureQueriesContext(connection) as queries:
        OutcomeCount.record(outcome_id=outcome.pk)
    # One statement, its own transaction; the setting ends with it.
    [statement] = [query["sql"] for query in queries]
    assert statement.startswith("INSERT INTO") and statement.endswith(RELAX)
    assert synchronous_commit() == "on"
    assert OutcomeCount.objects.get(outcome=outcome).count == 1


def test_a_count_inside_a_larger_transaction_leaves_its_durability_alone(outcome):
    with transaction.atomic():
        Outcome.objects.filter(pk=outcome.pk).update(title="Edited")
        with CaptureQueriesContext(connection) as queries:
            OutcomeCount.record(outcome_id=outcome.pk)
        assert synchronous_commit() == "on"
    assert not any(RELAX in query["sql"] for query in queries)
    assert OutcomeCount.objects.get(outcome=outcome).count == 1
