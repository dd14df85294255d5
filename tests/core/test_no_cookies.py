"""A visitor who only reads the public site gets no cookie at all, on any page."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.crawl import crawl


@pytest.fixture
def public_pages(client, db):
    call_command("load_starter_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    start = [
        reverse("faq:home"),
        reverse("faq:search") + "?q=red+notise",
        reverse("sitemap"),
        reverse("robots_txt"),
        reverse("healthz"),
        "/a-page-that-does-not-exist/",
    ]
    sitemap = client.get(reverse("sitemap")).content.decode()
    start += [loc.split("</loc>")[0] for loc in sitemap.split("<loc>")[1:]]
    return crawl(client, start)


def test_the_whole_public_site_is_reached_and_no_page_sets_a_cookie_or_fails(public_pages):
    """One crawl of every language (it is the slowest fixture), three facts about it."""
    html_pages = [
        url for url, r in public_pages.items() if r["Content-Type"].startswith("text/html")
    ]
    assert len(html_pages) >= 6
    assert reverse("contact:start") in public_pages
    assert {"/en/", "/fr/", "/es/", "/ar/"} <= set(public_pages)

    with_cookies = {url: list(r.cookies) for url, r in public_pages.items() if r.cookies}
    assert with_cookies == {}

    failing = {url: r.status_code for url, r in public_pages.items() if r.status_code >= 500}
    assert failing == {}
