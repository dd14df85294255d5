"""What visitors and staff actually do, in a real browser, end to end."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from faq.models import Article, Status
from tests.browser.pages import PageTypeMissing, require_url_name

I = re.IGNORECASE  # noqa: E741


def needs(*url_names: str) -> None:
    try:
        for name in url_names:
            require_url_name(name)
    except PageTypeMissing as missing:
        pytest.fail(str(missing))


def test_a_visitor_with_a_message_from_interpol_reaches_the_scam_advice(page, site_content):
    needs("faq:home", "faq:scamtype_detail")
    page.goto(reverse("faq:home"))

    page.get_by_role("link", name=re.compile(r"got a message from", I)).first.click()

    main = page.locator("main")
    expect(page.locator("h1")).to_contain_text(re.compile(r"scam|fake|message|INTERPOL", I))
    expect(main).to_contain_text(re.compile(r"scam", I))
    expect(main).to_contain_text(re.compile(r"(never|not|n't) .{0,60}(money|pay)", I))


@pytest.mark.parametrize(
    ("query", "finds"), [("interpole", r"INTERPOL"), ("red notise", r"red notice")]
)
def test_search_finds_an_article_from_a_misspelled_query(page, site_content, query, finds):
    needs("faq:search", "faq:article_detail")
    page.goto(reverse("faq:search"))

    page.get_by_role("searchbox").first.fill(query)
    page.get_by_role("searchbox").first.press("Enter")

    results = page.locator("main ol").get_by_role("link")
    expect(results.filter(has_text=re.compile(finds, I)).first).to_be_visible()


def test_search_without_results_says_so_and_offers_a_way_on(page, site_content):
    needs("faq:search", "faq:article_detail")
    page.goto(reverse("faq:search") + "?q=qqxzvw")

    expect(page.locator("main")).to_contain_text(re.compile(r"no results|nothing matched", I))
    way_on = page.locator("main").get_by_role("link", name=re.compile("contact", I))
    expect(way_on).not_to_have_count(0)


def _published_article_and_draft_choice():
    article = Article.objects.published().first()
    assert article is not None, "the starter content has no published article"
    return article, Status.DRAFT


def test_staff_edit_to_a_published_article_shows_on_the_public_page_at_once(
    new_context, staff_user
):
    needs("faq:article_detail")
    article, _ = _published_article_and_draft_choice()
    visitor = new_context().new_page()
    visitor.goto(article.get_absolute_url())  # the page is now in any cache there is

    staff = new_context(width=1280).new_page()
    staff.goto(reverse("admin:login"))
    staff.get_by_label("Username").fill("editor")
    staff.get_by_label("Password").fill("a long test passphrase 42")
    staff.get_by_role("button", name=re.compile("log in", I)).click()
    staff.goto(reverse("admin:faq_article_change", args=[article.pk]))
    staff.locator("#id_title_en").fill("Does INTERPOL ever phone people at home?")
    staff.locator("input[name=_save]").click()
    expect(staff.locator(".messagelist")).to_contain_text(re.compile("changed successfully", I))

    visitor.goto(article.get_absolute_url())
    expect(visitor.locator("h1")).to_have_text("Does INTERPOL ever phone people at home?")


def test_a_draft_article_stays_invisible_to_a_logged_out_visitor(page, site_content):
    needs("faq:article_detail")
    article, draft = _published_article_and_draft_choice()
    url = article.get_absolute_url()
    type(article).objects.filter(pk=article.pk).update(status=draft)

    response = page.goto(url)

    assert response.status == 404
    expect(page.locator("h1")).not_to_contain_text(article.title)
