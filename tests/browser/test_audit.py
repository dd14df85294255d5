"""The gate's own instruments can fail: each one catches a page built to break it."""

import pytest

from tests.browser import audit

pytestmark = pytest.mark.same_on_any_database

BROKEN_PAGE = """<!doctype html><html><head><title>Broken</title>
<style>a:focus { outline: none; } .pale { color: #ccc; }</style></head>
<body><main>
<h1>Broken</h1><h3>Skipped a level</h3>
<p class="pale">Pale text nobody can read.</p>
<input type="text" name="unlabelled">
<a href="#x">A link that hides its focus</a>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<div style="width: 900px">Too wide for a phone</div>
</main></body></html>"""


@pytest.fixture
def broken_page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 800})
    page = context.new_page()
    page.set_content(BROKEN_PAGE)
    yield page
    context.close()


def test_axe_reports_missing_labels_poor_contrast_and_images_without_alt(broken_page):
    violations = {rule["id"] for rule in audit.run_axe(broken_page)["violations"]}

    assert {"label", "color-contrast", "image-alt"} <= violations


def test_heading_check_finds_a_skipped_level(broken_page):
    assert audit.skipped_heading_levels(audit.heading_levels(broken_page)) == [(1, 3)]


def test_label_check_finds_the_unlabelled_input(broken_page):
    assert len(audit.unlabelled_controls(broken_page)) == 1


def test_focus_check_finds_the_link_that_hides_its_focus(broken_page):
    reached, invisible = audit.focus_stops_without_indicator(broken_page)

    assert reached == 2
    assert invisible == ['<a href="#x">A link that hides its focus</a>']


def test_sideways_scrolling_is_detected(broken_page):
    assert audit.has_horizontal_scroll(broken_page)
