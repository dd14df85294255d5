"""Every address staff write is internal, official, refused (http) or unofficial, and
visitors see an unofficial link marked as such."""

import pytest
from django.utils import translation

from interpolinfo.links import LinkKind, classify_link, link_errors, markdown_links
from interpolinfo.markdown import render_markdown

# Same on any database (address checks in Python): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database


@pytest.mark.parametrize(
    ("href", "kind"),
    [
        ("/en/questions/red-notices/", LinkKind.INTERNAL),
        ("#what-to-do", LinkKind.INTERNAL),
        ("../contact/", LinkKind.INTERNAL),
        ("http://127.0.0.1:8000/en/", LinkKind.INTERNAL),  # SITE_URL's own host
        ("https://www.interpol.int/en/FAQs", LinkKind.OFFICIAL),
        ("https://reportfraud.ftc.gov/", LinkKind.OFFICIAL),
        ("mailto:press@interpol.int", LinkKind.OFFICIAL),
        ("http://www.interpol.int/en/FAQs", LinkKind.INSECURE),
        ("https://missingchildreneurope.eu/hotline-116-000/", LinkKind.UNOFFICIAL),
        ("https://interpol.int.example.com/", LinkKind.UNOFFICIAL),
        ("https://interpol-int.com/", LinkKind.UNOFFICIAL),
        ("https://user@www.interpol.int/", LinkKind.UNOFFICIAL),
        ("http://example.org/", LinkKind.UNOFFICIAL),
        ("//example.org/x", LinkKind.UNOFFICIAL),
        ("mailto:help@example.org", LinkKind.UNOFFICIAL),
    ],
)
def test_each_address_is_classified(href, kind):
    assert classify_link(href) == kind


def test_links_are_read_from_markdown_as_the_page_will_have_them():
    text = (
        "See [FAQs](https://www.interpol.int/en/FAQs), <https://example.org/a> "
        "and [a page](/en/about/). [x](javascript:alert(1)) is no link."
    )
    assert markdown_links(text) == [
        "https://www.interpol.int/en/FAQs",
        "https://example.org/a",
        "/en/about/",
    ]


def test_an_unofficial_link_needs_the_tick_and_plain_http_to_an_official_site_never_passes():
    text = "[a](https://example.org/) [b](http://www.interpol.int/) [c](https://www.interpol.int/)"
    without_tick = [error.code for error in link_errors(texts=[text], allow_unofficial=False)]
    with_tick = [error.code for error in link_errors(texts=[text], allow_unofficial=True)]
    assert without_tick == ["insecure", "unofficial"]
    assert with_tick == ["insecure"]
    assert (
        link_errors(texts=["[c](https://www.interpol.int/) [d](/en/)"], allow_unofficial=False)
        == []
    )


def test_visitors_see_an_unofficial_link_marked_and_not_endorsed():
    html = render_markdown("[Hotline](https://missingchildreneurope.eu/hotline-116-000/)")
    assert html == (
        '<p><a href="https://missingchildreneurope.eu/hotline-116-000/" '
        'rel="nofollow noopener noreferrer">Hotline</a> '
        '<small class="unofficial-link">(not an official site)</small></p>'
    )


def test_official_and_internal_links_are_not_marked():
    html = render_markdown("[FAQs](https://www.interpol.int/en/FAQs) and [about](/about/)")
    assert "not an official site" not in html
    assert "nofollow" not in html
    assert 'rel="noopener noreferrer">FAQs</a>' in html


def test_the_label_is_rendered_in_the_pages_language():
    with translation.override("en"):
        html = render_markdown("[x](https://example.org/)", language="fr")
    # The label goes through gettext in the page's language (its French text comes from
    # the catalogue; until translated, the English words stand).
    assert '<small class="unofficial-link">(' in html
    with translation.override("fr"):
        assert f"({translation.gettext('not an official site')})" in html
