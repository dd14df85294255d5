"""Anonymous pages come from the cache until content changes; staff and the admin never do."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from interpolinfo.content_version import current_state
from interpolinfo.page_cache import local_pages, page_key
from tests.queries import version_queries

pytestmark = pytest.mark.usefixtures("groups_are_content")

PRIVATE = "private, no-store"


def test_a_second_anonymous_request_is_served_from_the_cache(client):
    first = client.get("/groups/")
    second = client.get("/groups/")
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_a_cached_page_makes_no_database_query_with_a_shared_cache(
    client, django_assert_num_queries
):
    client.get("/groups/")
    # With Redis the content version is read beside the page; locally it is one query.
    with django_assert_num_queries(version_queries()):
        assert client.get("/groups/")["X-Page-Cache"] == "hit"


def test_an_edit_is_shown_on_the_very_next_request(client):
    Group.objects.create(name="Perf testers")
    assert b"Perf testers" in client.get("/groups/").content
    Group.objects.create(name="Perf translators")
    response = client.get("/groups/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Perf testers, Perf translators" in response.content


def test_a_deletion_is_shown_on_the_very_next_request(client):
    group = Group.objects.create(name="Perf testers")
    assert b"Perf testers" in client.get("/groups/").content
    group.delete()
    assert b"Perf testers" not in client.get("/groups/").content


def test_different_query_strings_are_different_pages(client):
    client.get("/groups/?q=1")
    assert client.get("/groups/?q=2")["X-Page-Cache"] == "miss"
    assert client.get("/groups/?q=1")["X-Page-Cache"] == "hit"


def test_the_key_holds_the_url_the_language_and_the_content_version(rf):
    state = current_state()
    request = rf.get("/groups/?q=1")
    key = page_key(request, state=state, language="en")
    assert key == page_key(rf.get("/groups/?q=1"), state=state, language="en")
    assert key != page_key(rf.get("/groups/?q=2"), state=state, language="en")
    assert key != page_key(request, state=state, language="fr")
    Group.objects.create(name="Perf testers")
    assert key != page_key(request, state=current_state(), language="en")


def test_a_head_request_is_answered_from_the_cache(client):
    client.get("/groups/")
    response = client.head("/groups/")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_a_request_with_a_cookie_bypasses_the_cache_and_is_private(client):
    client.get("/groups/")
    client.cookies["sessionid"] = "staff"
    response = client.get("/groups/")
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == PRIVATE


def test_a_staff_member_sees_an_edit_made_after_the_page_was_cached(client, admin_user):
    client.get("/groups/")
    Group.objects.create(name="Perf testers")
    client.force_login(admin_user)
    assert b"Perf testers" in client.get("/groups/").content


def test_admin_pages_are_never_cached_and_private(client, admin_user):
    login = client.get(reverse("admin:login"))
    assert login["Cache-Control"] == PRIVATE
    client.force_login(admin_user)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert index["Cache-Control"] == PRIVATE
    assert "X-Page-Cache" not in index


def test_a_private_path_is_private_even_without_a_cookie(client, settings):
    settings.PAGE_CACHE_PRIVATE_PATHS = [r".*/preview/"]
    response = client.get("/articles/draft/preview/")
    assert response["Cache-Control"] == PRIVATE
    assert "X-Page-Cache" not in response


def test_the_health_check_is_left_alone(client):
    response = client.get(reverse("healthz"))
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_a_response_that_sets_a_cookie_is_not_stored_and_is_private(client):
    first = client.get("/sets-a-cookie/")
    client.cookies.clear()
    second = client.get("/sets-a-cookie/")
    assert first["Cache-Control"] == PRIVATE
    assert "tracker" in second.cookies


def test_a_view_that_asks_never_to_be_cached_is_obeyed(client):
    client.get("/never-cached/")
    response = client.get("/never-cached/")
    assert "X-Page-Cache" not in response
    assert "no-store" in response["Cache-Control"]


def test_a_missing_page_is_not_cached(client):
    client.get("/no-such-page/")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_unknown_query_parameters_share_the_page_of_the_plain_address(client):
    client.get("/groups/")
    response = client.get("/groups/?utm_source=mail&junk=1")
    assert response["X-Page-Cache"] == "hit"


def test_a_thousand_junk_addresses_add_at_most_one_cache_entry(client):
    local_pages.clear()
    for number in range(1000):
        client.get(f"/groups/?junk{number}={number}")
    assert len(local_pages._pages) == 1


def test_production_sends_no_cache_diagnostic_header(settings):
    settings.PAGE_CACHE_DIAGNOSTIC_HEADER = False
    first, second = Client().get("/groups/?q=a+name"), Client().get("/groups/?q=a+name")
    assert "X-Page-Cache" not in second
    # Nothing in the second visitor's headers shows that someone asked the same before.
    assert {k: v for k, v in first.items() if k != "Date"} == {
        k: v for k, v in second.items() if k != "Date"
    }


def test_the_cache_can_be_switched_off(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/groups/")
    assert "X-Page-Cache" not in client.get("/groups/")


def test_no_cached_page_sets_a_cookie(client):
    client.get("/groups/")
    assert client.get("/groups/").cookies == {}


@pytest.mark.parametrize("anonymous", [Client(), Client(HTTP_ACCEPT_LANGUAGE="en")])
def test_public_pages_may_be_kept_briefly_by_browsers_and_proxies(anonymous, settings):
    settings.PAGE_CACHE_MAX_AGE = 90
    settings.PAGE_CACHE_SHARED_MAX_AGE = 240
    response = anonymous.get("/groups/")
    assert response["Cache-Control"] == "public, max-age=90, s-maxage=240"
    assert "Cookie" in response["Vary"]


def test_pages_still_render_when_the_shared_cache_is_down(client, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("cache server restarting")

    cache = caches[settings.PAGE_CACHE_ALIAS]
    monkeypatch.setattr(cache, "get", refuse)
    monkeypatch.setattr(cache, "set", refuse)
    Group.objects.create(name="Perf testers")
    response = client.get("/groups/")
    assert response.status_code == 200
    assert b"Perf testers" in response.content


@pytest.fixture
def state_in_cache(settings):
    """Keep the content version cached even where it would be one process's memory
    (the shared file on SQLite and Redis keep it anyway)."""
    settings.CONTENT_STATE_LOCAL_SECONDS = 60


def test_with_the_version_in_the_cache_a_hit_makes_no_query(
    state_in_cache, client, django_assert_num_queries
):
    client.get("/groups/")
    with django_assert_num_queries(0):
        assert client.get("/groups/")["X-Page-Cache"] == "hit"


def test_an_edit_forgets_the_cached_version_at_once(state_in_cache, client):
    client.get("/groups/")
    Group.objects.create(name="Perf editors")
    response = client.get("/groups/")
    assert response["X-Page-Cache"] == "miss"
    assert b"Perf editors" in response.content


def test_a_cached_version_overtaken_by_a_scheduled_publication_is_not_used(state_in_cache):
    from datetime import timedelta

    from django.utils import timezone

    from interpolinfo.content_version import STATE_KEY, ContentState, current_state

    past = timezone.now() - timedelta(seconds=1)
    stale = ContentState(version=-5, changed_at=past, next_publish_at=past)
    caches[settings.CONTENT_STATE_CACHE_ALIAS].set(STATE_KEY, stale)
    assert current_state().version != -5
