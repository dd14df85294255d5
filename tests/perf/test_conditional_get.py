"""Public pages carry an ETag and a Last-Modified, and answer 304 when nothing changed."""

import pytest
from django.contrib.auth.models import Group
from django.utils.http import http_date

from interpolinfo.content_version import current_state

pytestmark = pytest.mark.usefixtures("groups_are_content")


@pytest.mark.parametrize("cached", [False, True], ids=["fresh render", "from the cache"])
def test_a_matching_etag_gets_304_with_no_body(client, cached):
    page = client.get("/groups/")
    if not cached:
        client.get("/")  # any other page; the point is that /groups/ is asked for again
    response = client.get("/groups/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == page["ETag"]
    assert response["Cache-Control"].startswith("public")


def test_last_modified_is_when_the_content_last_changed(client):
    Group.objects.create(name="Perf testers")
    response = client.get("/groups/")
    assert response["Last-Modified"] == http_date(current_state().changed_at.timestamp())


def test_an_unchanged_page_since_last_modified_gets_304(client):
    page = client.get("/groups/")
    response = client.get("/groups/", HTTP_IF_MODIFIED_SINCE=page["Last-Modified"])
    assert response.status_code == 304


def test_an_old_etag_gets_the_new_page_after_an_edit(client):
    page = client.get("/groups/")
    Group.objects.create(name="Perf testers")
    response = client.get("/groups/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert response.status_code == 200
    assert b"Perf testers" in response.content
    assert response["ETag"] != page["ETag"]
