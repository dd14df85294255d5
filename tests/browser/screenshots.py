"""`make screenshots`: a full-page PNG of every page type at phone and desktop width.

Not collected by `make test` (the file name does not start with test_); run
on its own, it writes screenshots/<page type>-<width>.png for anyone to look
at the site without driving a browser by hand.
"""

from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import NARROW, WIDE
from tests.browser.pages import ERROR_PAGE_TYPES, PAGE_TYPES, PageTypeMissing

FOLDER = Path(settings.BASE_DIR) / "screenshots"


@pytest.mark.parametrize("width", [NARROW, WIDE])
@pytest.mark.parametrize("page_type", PAGE_TYPES + ERROR_PAGE_TYPES, ids=lambda p: p.name)
def test_screenshot(page_type, width, new_context, live_server, site_content):
    finder = new_context().new_page()
    try:
        url = page_type.locate(finder, live_server.url)
    except PageTypeMissing as missing:
        pytest.fail(f"no {page_type.name} page: {missing}")
    page = new_context(width=width).new_page()
    page.goto(url)
    FOLDER.mkdir(exist_ok=True)
    path = FOLDER / f"{page_type.name}-{width}.png"

    page.screenshot(path=str(path), full_page=True)

    assert path.stat().st_size > 1000
