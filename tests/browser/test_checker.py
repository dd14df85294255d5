"""The message checker's results, as a visitor sees them, in English and Arabic: checked
on the server (a POST answered no-store: the page without its script, or with JavaScript
off) and in the browser (nothing sent).

The browser gate's page table opens pages by address, so it covers only the empty
checker; these tests paste a message and audit the page of results."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser import audit
from tests.browser.conftest import NARROW, WIDE

# The signs are matched in Python or in the visitor's browser, never in SQL; the
# server's side of the checker runs on PostgreSQL in tests/checker/.
pytestmark = [pytest.mark.browser, pytest.mark.same_on_any_database]

MESSAGES = {
    "en": "INTERPOL: a warrant for your arrest was issued. Pay the fine today with gift cards "
    "or you will be arrested. Tell no one. https://interpol-gov.com/pay",
    "ar": "الإنتربول: صدرت مذكرة توقيف بحقك. ادفع الغرامة اليوم ببطاقات هدايا وإلا سيتم "
    "القبض عليك. لا تخبر أحدا. https://interpol-gov.com/pay",
}


def checker_url(live_server, language: str) -> str:
    with translation.override(language):
        return live_server.url + reverse("checker:check")


def paste_and_check(page, url: str, message: str):
    page.goto(url)
    page.locator("textarea[name=message]").fill(message)
    page.locator("main form button[type=submit], main form input[type=submit]").first.click()
    results = page.locator("#results")
    results.wait_for()
    return results


@pytest.mark.parametrize("where", ["server", "browser"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_results_name_the_signs_and_pass_axe_at_both_widths(
    language, where, new_context, live_server, site_content
):
    posts = []
    for width in (NARROW, WIDE):
        context = new_context(width=width)
        page = context.new_page()
        page.on("request", lambda request: posts.append(request) if request.method == "POST" else 0)
        if where == "server":
            page.route("**/checker/checker*.js", lambda route: route.abort())

        results = paste_and_check(page, checker_url(live_server, language), MESSAGES[language])

        assert results.locator("mark").count() >= 3, "the visitor's own words are marked"
        assert results.locator("a[href*='interpol-gov.com']").count() == 0, "links stay inert"
        assert "interpol-gov.com" in results.inner_text()
        axe = audit.run_axe(page)
        audit.note_axe_run(axe)
        assert axe["violations"] == [], f"axe at {width}px:\n" + audit.describe_violations(
            axe["violations"]
        )
        assert not audit.has_horizontal_scroll(page), f"the page scrolls sideways at {width}px"
        assert context.cookies() == []
    assert bool(posts) == (where == "server"), "only the server check sends the message"


def test_the_check_works_with_javascript_off(new_context, live_server, site_content):
    page = new_context(javascript=False).new_page()

    results = paste_and_check(page, checker_url(live_server, "en"), MESSAGES["en"])

    assert results.locator("mark").count() >= 3
