"""Staff editing in a real browser, as the people of issue 15 do it: two editors at
once, a link to a site that is not official, a Wizard editor's new result, a
preview of unsaved text and a revert. Each ends on what a person sees: the admin's
messages, the form, or the public page.

Staff sign in with a password alone: OTP_REQUIRED is off outside production.
"""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import expect
from reversion.models import Version

from contact.models import Channel, Question
from faq.models import Article
from tests.browser.audit import describe_violations
from tests.browser.pages import start_wizard
from tests.browser.test_admin_tools import severe_violations
from tests.browser.test_review import signed_in
from tests.browser.test_wizard import choose

I = re.IGNORECASE  # noqa: E741
UNOFFICIAL = "https://scam-victims-forum.example.org/advice"
SAVED = re.compile("changed successfully", I)


def published_article() -> Article:
    article = Article.objects.published().order_by("pk").first()
    assert article is not None, "the starter content has no published article"
    return article


def assert_no_severe_violation(page) -> None:
    """Issue 15: axe shows no serious or critical violation on the admin pages staff
    use, Django's own markup included (interpolinfo.admin_a11y names its inputs)."""
    severe = severe_violations(page)
    assert not severe, describe_violations(severe)


def save(staff) -> None:
    staff.get_by_role("button", name="Save", exact=True).click()


def test_two_publishers_at_once_the_second_is_shown_both_versions_and_loses_nothing(
    new_context, site_content
):
    article = published_article()
    change = reverse("admin:faq_article_change", args=[article.pk])
    first = signed_in(new_context, role="Publishers", username="pat")
    second = signed_in(new_context, role="Publishers", username="sam")
    first.goto(change)
    second.goto(change)
    assert_no_severe_violation(second)

    first.get_by_label("Summary [en]").fill("Pat's new summary.")
    save(first)
    expect(first.locator(".messagelist")).to_contain_text(SAVED)

    second.get_by_label("Body [en]").fill("Sam's new body, typed in a form opened earlier.")
    save(second)
    conflict = second.locator("table.edit-conflict")
    expect(second.locator("main")).to_contain_text("Someone else saved this since you opened it")
    expect(conflict.get_by_role("row", name=re.compile("Summary \\[en\\]"))).to_contain_text(
        "Pat's new summary."
    )
    expect(conflict.get_by_role("row", name=re.compile("Body \\[en\\]"))).to_contain_text(
        "Sam's new body"
    )
    expect(second.get_by_label("Body [en]")).to_have_value(
        "Sam's new body, typed in a form opened earlier."
    )
    assert_no_severe_violation(second)

    save(second)  # knowingly replaces Pat's version, as the page says
    expect(second.locator(".messagelist")).to_contain_text(SAVED)
    visitor = new_context().new_page()
    visitor.goto(article.get_absolute_url())
    expect(visitor.locator("main")).to_contain_text(
        "Sam's new body, typed in a form opened earlier."
    )
    expect(visitor.locator("main")).to_contain_text(article.summary)
    expect(visitor.locator("main")).not_to_contain_text("Pat's new summary.")


def test_a_link_to_a_site_that_is_not_official_needs_a_publishers_tick(new_context, site_content):
    article = published_article()
    change = reverse("admin:faq_article_change", args=[article.pk])
    with_link = f"{article.body_en}\n\nVictims talk it over on [a forum]({UNOFFICIAL})."
    tick = re.compile("link to sites that are not official", I)

    editor = signed_in(new_context, role="Editors", username="eddie")
    editor.goto(change)
    expect(editor.get_by_role("checkbox", name=tick)).to_have_count(0)
    editor.get_by_label("Body [en]").fill(with_link)
    editor.get_by_role("button", name="Save and submit for review").click()
    expect(editor.locator(".errorlist")).to_contain_text(
        f"Only a Publisher can add a link to a site that is not official: {UNOFFICIAL}."
    )

    publisher = signed_in(new_context, role="Publishers", username="pat")
    publisher.goto(change)
    publisher.get_by_label("Body [en]").fill(with_link)
    save(publisher)
    expect(publisher.locator(".errorlist")).to_contain_text(
        f"Not on the list of official domains: {UNOFFICIAL}."
    )
    expect(publisher.get_by_label("Body [en]")).to_have_value(with_link)
    publisher.get_by_role("checkbox", name=tick).check()
    save(publisher)
    expect(publisher.locator(".messagelist")).to_contain_text(SAVED)

    visitor = new_context().new_page()
    visitor.goto(article.get_absolute_url())
    link = visitor.get_by_role("link", name="a forum")
    expect(link).to_have_attribute("href", UNOFFICIAL)
    expect(link).to_have_attribute("rel", re.compile(r"\bnofollow\b"))
    paragraph = visitor.locator("main p").filter(has=link)
    expect(paragraph).to_contain_text("a forum (not an official site)")


@pytest.mark.same_on_any_database
def test_a_wizard_editor_adds_a_result_that_visitors_reach(new_context, site_content, live_server):
    """Not a superuser: the Wizard editors group alone lets her add the result and the answer."""
    staff = signed_in(new_context, role="Wizard editors", username="wendy")
    wendy = User.objects.get(username="wendy")
    assert not wendy.is_superuser and [group.name for group in wendy.groups.all()] == [
        "Wizard editors"
    ]

    channel = Channel.objects.order_by("pk").first()
    assert channel is not None, "the starter content has no channel"
    staff.goto(reverse("admin:contact_outcome_add"))
    assert_no_severe_violation(staff)
    staff.get_by_label("Title [en]").fill("Lost a passport abroad")
    staff.get_by_label("Why this route [en]").fill("Your embassy or consulate replaces it.")
    staff.get_by_label("What to have ready and what not to do [en]").fill(
        "INTERPOL does not issue passports."
    )
    staff.locator("#id_channels_from").select_option(label=channel.name)
    staff.get_by_role("button", name="Choose selected channels").click()
    save(staff)
    expect(staff.locator(".messagelist")).to_contain_text(re.compile("added successfully", I))

    start = Question.objects.get(is_start=True)
    staff.goto(reverse("admin:contact_question_change", args=[start.pk]))
    assert_no_severe_violation(staff)
    row = start.choices.count()  # the empty row after the saved answers
    staff.locator(f"#id_choices-{row}-label_en").fill("I lost my passport abroad")
    staff.locator(f"#id_choices-{row}-outcome").select_option(label="Lost a passport abroad")
    save(staff)
    expect(staff.locator(".messagelist")).to_contain_text(SAVED)

    visitor = new_context().new_page()
    start_wizard(visitor, live_server.url)
    choose(visitor, r"^I lost my passport abroad$")
    expect(visitor.locator("h1")).to_have_text("Lost a passport abroad")
    expect(visitor.locator("main")).to_contain_text("Your embassy or consulate replaces it.")
    expect(visitor.locator("main")).to_contain_text(channel.name)


@pytest.mark.same_on_any_database
def test_a_preview_shows_unsaved_text_while_the_public_page_keeps_the_old(
    new_context, site_content
):
    article = published_article()
    publisher = signed_in(new_context, role="Publishers", username="pat")
    publisher.goto(reverse("admin:faq_article_change", args=[article.pk]))
    publisher.get_by_label("Body [en]").fill("A body typed for the preview, never saved.")

    with publisher.context.expect_page() as opened:
        publisher.get_by_role("button", name="Preview (new tab)").click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator("main")).to_contain_text("A body typed for the preview, never saved.")

    visitor = new_context().new_page()
    visitor.goto(article.get_absolute_url())
    expect(visitor.locator("h1")).to_have_text(article.title)
    expect(visitor.locator("main")).not_to_contain_text("A body typed for the preview")
    assert Article.objects.get(pk=article.pk).body_en == article.body_en


@pytest.mark.same_on_any_database
def test_a_restored_version_keeps_every_address_it_had_redirecting(new_context, site_content):
    article = published_article()
    original = article.get_absolute_url()
    change = reverse("admin:faq_article_change", args=[article.pk])
    publisher = signed_in(new_context, role="Publishers", username="pat")
    for slug in ("interpol-and-phone-calls", "does-interpol-ever-phone"):
        publisher.goto(change)
        publisher.get_by_label("Slug").fill(slug)
        save(publisher)
        expect(publisher.locator(".messagelist")).to_contain_text(SAVED)

    publisher.goto(change)
    publisher.get_by_role("link", name="History").click()
    earlier = next(
        version
        for version in Version.objects.get_for_object(article)
        if version.field_dict["slug"] == "interpol-and-phone-calls"
    )
    revision = reverse("admin:faq_article_revision", args=[article.pk, earlier.pk])
    publisher.locator(f'#change-history a[href="{revision}"]').click()
    expect(publisher.get_by_label("Slug")).to_have_value("interpol-and-phone-calls")
    save(publisher)
    expect(publisher.locator(".messagelist")).to_contain_text(SAVED)

    article.refresh_from_db()
    current = article.get_absolute_url()
    assert current.rstrip("/").endswith("interpol-and-phone-calls")
    visitor = new_context().new_page()
    later = reverse("faq:article_detail", kwargs={"slug": "does-interpol-ever-phone"})
    for address in (original, later):
        response = visitor.goto(address)
        assert response is not None and response.status == 200, address
        assert visitor.url.endswith(current), address
        expect(visitor.locator("h1")).to_have_text(article.title)
