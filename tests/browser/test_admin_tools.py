"""Staff tools in a real browser: the dashboard, the answers table at 1280 px, and a
preview opened in a new tab, each with no serious or critical axe violation."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from contact.models import Question
from faq.models import Article
from tests.browser.audit import describe_violations, has_horizontal_scroll, run_axe

WIDE = 1280
SEVERE = ("serious", "critical")


def severe_violations(page) -> list[dict]:
    violations = run_axe(page)["violations"]
    print(page.url, "axe:", [(issue["id"], issue["impact"]) for issue in violations] or "none")
    return [issue for issue in violations if issue["impact"] in SEVERE]


def test_dashboard_answers_table_and_preview_work_for_staff(new_context, staff_user):
    staff = new_context(width=WIDE).new_page()
    staff.goto(reverse("admin:login"))
    staff.get_by_label("Username").fill("editor")
    staff.get_by_label("Password").fill("a long test passphrase 42")
    staff.get_by_role("button", name=re.compile("log in", re.I)).click()

    staff.goto(reverse("admin:index"))
    expect(staff.locator("#dashboard-heading")).to_have_text("What needs doing")
    severe = severe_violations(staff)
    assert not severe, describe_violations(severe)

    start = Question.objects.get(is_start=True)
    staff.goto(reverse("admin:contact_question_change", args=[start.pk]))
    assert not has_horizontal_scroll(staff)

    article = Article.objects.published().first()
    assert article is not None
    staff.goto(reverse("admin:faq_article_change", args=[article.pk]))
    staff.locator("#id_title_en").fill("An unsaved title for the preview")
    with staff.context.expect_page() as opened:
        staff.get_by_role("button", name="Preview (new tab)").click()
    preview = opened.value
    preview.wait_for_load_state()
    expect(preview.locator("h1")).to_have_text("An unsaved title for the preview")
    severe = severe_violations(preview)
    assert not severe, describe_violations(severe)
    preview.get_by_label("Phone (360 px)").check()
    assert preview.evaluate("document.body.getBoundingClientRect().width") <= 360
    assert Article.objects.get(pk=article.pk).title == article.title
