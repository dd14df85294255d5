"""The review workflow in a real browser: an Editor changes a published article, a
Publisher reviews the comparison and approves it, and a visitor then reads the new text."""

import re

from django.contrib.auth.models import Group, User
from django.urls import reverse
from playwright.sync_api import expect

from faq.models import Article
from tests.browser.audit import describe_violations
from tests.browser.test_admin_tools import WIDE, severe_violations

PASSWORD = "a long test passphrase 42"
NEW_SUMMARY = "A summary an Editor proposed and a Publisher approved."


def signed_in(new_context, *, role: str, username: str):
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    staff = new_context(width=WIDE).new_page()
    staff.goto(reverse("admin:login"))
    staff.get_by_label("Username").fill(username)
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name=re.compile("log in", re.I)).click()
    expect(staff.locator("#dashboard-heading")).to_be_visible()
    return staff


def test_an_editors_change_goes_live_once_a_publisher_approves_it(new_context, site_content):
    article = Article.objects.published().first()
    assert article is not None
    visitor = new_context().new_page()

    editor = signed_in(new_context, role="Editors", username="eddie")
    editor.goto(reverse("admin:faq_article_change", args=[article.pk]))
    expect(editor.locator("#proposal-notice")).to_contain_text("This page is published.")
    editor.locator("#id_summary_en").fill(NEW_SUMMARY)
    editor.get_by_role("button", name="Save and submit for review").click()
    expect(editor.locator(".messagelist")).to_contain_text("Submitted for review.")
    visitor.goto(article.get_absolute_url())
    expect(visitor.locator("body")).not_to_contain_text(NEW_SUMMARY)

    publisher = signed_in(new_context, role="Publishers", username="pat")
    publisher.get_by_role("link", name=article.title).click()
    expect(publisher.locator("table.edit-conflict")).to_contain_text(NEW_SUMMARY)
    severe = severe_violations(publisher)
    assert not severe, describe_violations(severe)
    publisher.get_by_role("button", name="Approve and publish now").click()
    expect(publisher.locator(".messagelist")).to_contain_text("Approved and published.")

    visitor.goto(article.get_absolute_url())
    expect(visitor.locator("body")).to_contain_text(NEW_SUMMARY)
