"""The pasted text is stored nowhere: no table, no log line, no error report."""

import logging

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.signals import got_request_exception
from django.db import connection
from django.test import Client
from django.views.debug import ExceptionReporter

from checker import checks
from checker.models import WarningSign
from tests.checker.conftest import check

pytestmark = pytest.mark.django_db(transaction=False)

# Made-up words no starter content contains, so finding them anywhere means a leak.
SECRET = "Zorblax Quintavelle"
MESSAGE = f"INTERPOL: pay the fine in gift cards now. Signed {SECRET}, bit.ly/x"


def every_stored_text() -> str:
    """Every value of every row of every table this project defines, as one string."""
    parts = []
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 (a model's own table name)
            parts += [repr(row) for row in cursor.fetchall()]
    return "\n".join(parts)


def test_the_text_is_in_no_table_and_no_log_line_after_checks_and_errors(
    client, signs, flow, caplog, monkeypatch
):
    caplog.set_level(logging.DEBUG)
    assert check(client, MESSAGE).status_code == 200
    assert check(client, MESSAGE + "x" * 5000).status_code == 400
    assert check(client, MESSAGE, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403

    def broken(**kwargs):
        raise ValueError(kwargs["text"])  # the worst case: an error that quotes the text

    monkeypatch.setattr(checks, "check_message", broken)
    reports = []

    def report(sender, request, **kwargs):
        import sys

        reports.append(ExceptionReporter(request, *sys.exc_info()).get_traceback_text())

    got_request_exception.connect(report)
    try:
        failing = Client(raise_request_exception=False)
        assert check(failing, MESSAGE).status_code == 500
    finally:
        got_request_exception.disconnect(report)

    stored = every_stored_text()
    assert "INTERPOL" in MESSAGE and len(stored) > 1000  # the search can find text
    assert SECRET not in stored
    assert caplog.records, "the checks and the error were logged"
    assert all(SECRET not in record.getMessage() for record in caplog.records)
    assert SECRET not in caplog.text
    assert SECRET.encode() not in cached_bytes()
    assert len(reports) == 1
    assert "The message check failed" in caplog.text
    assert SECRET not in reports[0]
    assert "message" in reports[0]  # the POST parameter is named, its value hidden


def cached_bytes() -> bytes:
    """Every value in the cache the tests use (the page cache lives there): local memory
    by default, Redis when REDIS_URL is set (each test starts with it emptied)."""
    store = cache._cache
    if hasattr(store, "get_client"):
        client = store.get_client()
        return b"".join(client.get(key) or b"" for key in client.keys("*"))
    return b"".join(value for value in store.values() if isinstance(value, bytes))


def test_the_search_for_leaks_can_fail(db):
    WarningSign.objects.create(key="leak", name_en=SECRET, explanation_en="x", phrases_en="x")
    cache.set("leak", SECRET)
    assert SECRET in every_stored_text()
    assert SECRET.encode() in cached_bytes()
