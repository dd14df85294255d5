"""Every public page type, in a real browser: accessible, readable on a phone, light and local.

The page types come from pages.py; a type the site does not have yet is
reported as a failure with the reason.
"""

import pytest

from tests.browser import audit
from tests.browser.conftest import NARROW, WIDE
from tests.browser.pages import ERROR_PAGE_TYPES, PAGE_TYPES, PageTypeMissing

# Only search pages render differently on PostgreSQL (its own ranking and
# snippets); the other pages are checked once, in the SQLite pass.
ALL_PAGE_TYPES = [
    pytest.param(
        page_type,
        id=page_type.name,
        marks=[] if page_type.name.startswith("search") else [pytest.mark.same_on_any_database],
    )
    for page_type in PAGE_TYPES + ERROR_PAGE_TYPES
]
HOME_BUDGET_KB = 75
PAGE_BUDGET_KB = 100


@pytest.fixture
def locate(page, live_server, site_content):
    """Find the URL of one page of a type, or fail saying why there is none."""

    def find(page_type) -> str:
        try:
            return page_type.locate(page, live_server.url)
        except PageTypeMissing as missing:
            pytest.fail(f"no {page_type.name} page: {missing}")

    return find


@pytest.mark.parametrize("page_type", ALL_PAGE_TYPES)
def test_page_is_light_local_and_accessible_at_360_and_1280px(
    page_type, locate, new_context, request_log, subtests
):
    """One page of each type, found once and put through every check:

    - its first load with an empty cache at 360px, weighed as described in
      audit.py: within budget, no web font, no blocking or inline script, no
      request to another host, no cookie left behind;
    - axe-core's WCAG 2.0/2.1/2.2 A and AA rules on that load and on a second
      one at 1280px, with no sideways scrolling at either width;
    - at 1280px, what axe cannot judge alone: one h1 and headings in order, a
      label on every control, the emergency notice as text, and a visible
      focus on every stop.

    Each group is a subtest, so a page over its budget is still checked for
    accessibility, and the report names every group that failed.
    """
    url = locate(page_type)
    request_log.urls.clear()
    narrow = new_context(width=NARROW)
    first_load = narrow.new_page()
    report, response = audit.measure_first_load(first_load, url)
    assert response.status == page_type.status

    with subtests.test("first load within budget, local, no cookie"):
        budget_kb = HOME_BUDGET_KB if page_type.name == "home" else PAGE_BUDGET_KB
        total_kb = report.total_bytes / 1024
        audit.WEIGHTS[page_type.name] = total_kb
        assert any(t.resource_type == "stylesheet" for t in report.transfers), report.table()
        assert total_kb <= budget_kb, f"{total_kb:.1f} KB > {budget_kb} KB:\n{report.table()}"
        assert report.fonts == []
        assert audit.blocking_or_inline_scripts(first_load) == []
        assert len(request_log.urls) >= 2
        assert request_log.offsite == []
        assert narrow.cookies() == []

    wide = new_context(width=WIDE).new_page()
    assert wide.goto(url).status == page_type.status
    for width, page in ((NARROW, first_load), (WIDE, wide)):
        with subtests.test(f"axe and no sideways scrolling at {width}px"):
            results = audit.run_axe(page)
            audit.note_axe_run(results)
            assert results["violations"] == [], f"axe at {width}px:\n" + (
                audit.describe_violations(results["violations"])
            )
            assert len(results["passes"]) >= 10, "axe ran too few rules to prove anything"
            assert page.evaluate("document.documentElement.clientWidth") == width
            assert not audit.has_horizontal_scroll(page), f"the page scrolls sideways at {width}px"

    with subtests.test("headings, labels and the emergency notice"):
        levels = audit.heading_levels(wide)
        assert levels.count(1) == 1, f"expected one h1, found headings {levels}"
        assert levels[0] == 1, f"the first heading should be the h1, found {levels}"
        assert audit.skipped_heading_levels(levels) == []
        assert audit.unlabelled_controls(wide) == []

        notice = wide.locator(".emergency-notice")
        assert notice.is_visible()
        # The example numbers stay the same in every language; the words are checked in English.
        assert "112" in notice.inner_text()
        if wide.locator("html").get_attribute("lang") == "en":
            assert "emergency number" in notice.inner_text()
        assert notice.locator("img, svg, canvas, [style*=background-image]").count() == 0, (
            "the emergency notice must be text, not an image"
        )

    with subtests.test("a visible focus on every stop"):
        reached, invisible = audit.focus_stops_without_indicator(wide)
        assert reached >= 5, "Tab should reach the skip link, the navigation and the footer"
        assert invisible == [], "these elements show no focus indicator"
