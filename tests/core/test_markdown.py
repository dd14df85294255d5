"""Staff-written Markdown becomes sanitized HTML: the only database HTML a template trusts."""

import pytest
from django.test import override_settings

from interpolinfo.markdown import highlight_snippet, html_to_text, render_markdown, sanitize_html

# Same on any database (Markdown rendering and sanitising): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database


def test_markdown_becomes_html():
    html = render_markdown("**Have ready**\n\n- your messages\n- the date")
    assert html == (
        "<p><strong>Have ready</strong></p>\n<ul>\n<li>your messages</li>\n<li>the date</li>\n</ul>"
    )


def test_raw_html_and_scripts_never_reach_the_page():
    html = render_markdown('<script>alert(1)</script> <img src=x onerror="alert(1)">')
    assert "<script" not in html
    assert "alert(1)" not in html
    assert "<img" not in html


def test_only_http_https_and_mailto_links_keep_their_address():
    html = render_markdown(
        "[a](https://www.interpol.int/en/FAQs) [b](mailto:press@example.org) "
        "[c](javascript:alert(1)) [d](data:text/html,hi) [e](vbscript:x)"
    )
    assert 'href="https://www.interpol.int/en/FAQs"' in html
    assert 'href="mailto:press@example.org"' in html
    assert "javascript:" not in html
    assert "data:" not in html
    assert "vbscript:" not in html


def test_external_links_get_noopener_noreferrer_and_local_links_do_not():
    html = render_markdown("[out](https://www.interpol.int/) and [in](/contact/)")
    assert '<a href="https://www.interpol.int/" rel="noopener noreferrer">out</a>' in html
    assert '<a href="/en/contact/">in</a>' in html


def test_empty_text_gives_empty_html():
    assert render_markdown("") == ""


def test_scripts_and_their_content_are_removed():
    assert sanitize_html("<p>Hi<script>alert('x')</script></p>") == "<p>Hi</p>"


def test_event_handlers_and_styles_are_removed():
    html = sanitize_html('<p onclick="steal()" style="color:red">Text</p>')
    assert html == "<p>Text</p>"


def test_javascript_and_data_links_lose_their_address():
    html = render_markdown("[a](javascript:alert(1)) [b](data:text/html;base64,PHNjcmlwdD4=)")
    assert "javascript" not in html
    assert "data:" not in html
    assert html.count("<a") == 2  # the text stays, the dangerous address is gone


def test_images_and_iframes_are_not_allowed():
    html = render_markdown('![x](https://example.org/x.png) <iframe src="https://e.org"></iframe>')
    assert "<img" not in html
    assert "<iframe" not in html


@override_settings(SITE_URL="https://interpolinfo.example")
def test_external_links_get_noopener_and_internal_ones_do_not():
    html = render_markdown(
        "[INTERPOL](https://www.interpol.int/en) and [us](/about/) "
        "and [self](https://interpolinfo.example/x/)"
    )
    assert '<a href="https://www.interpol.int/en" rel="noopener noreferrer">INTERPOL</a>' in html
    assert '<a href="/en/about/">us</a>' in html
    assert '<a href="https://interpolinfo.example/x/">self</a>' in html


def test_mailto_links_are_kept():
    assert 'href="mailto:press@example.org"' in render_markdown("[mail](mailto:press@example.org)")


def test_a_rel_written_by_an_editor_is_not_kept():
    html = sanitize_html('<a href="/x" rel="opener">x</a>')
    assert html == '<a href="/x">x</a>'


def test_headings_lists_and_emphasis_survive():
    html = render_markdown("## Title\n\n- one\n- two\n\n*soft*")
    assert "<h2>Title</h2>" in html
    assert "<li>one</li>" in html
    assert "<em>soft</em>" in html


def test_plain_text_keeps_paragraphs_apart_and_inline_words_together():
    html = render_markdown("First **bold**, then more.\n\nSecond &amp; last")
    assert html_to_text(html) == "First bold, then more. Second & last"


def test_a_snippet_keeps_only_mark_and_separates_paragraph_words():
    snippet = highlight_snippet('end.</p><p>Start <mark>red</mark> <a href="x">link</a> , ok')
    assert snippet == "end. Start <mark>red</mark> link, ok"


@pytest.mark.parametrize(
    "href", ["java\tscript:alert(1)", "java\nscript:alert(1)", " \x01javascript:alert(1)"]
)
def test_an_address_a_browser_would_read_as_javascript_is_dropped(href):
    assert sanitize_html(f'<a href="{href}">x</a>') == "<a>x</a>"


def test_links_to_own_pages_get_the_language_of_the_page():
    from interpolinfo.markdown import render_markdown

    html = render_markdown(
        "[a](/questions/x/) [b](/fr/scams/) [c](https://www.interpol.int/) [d](//evil.example/)",
        language="ar",
    )
    assert 'href="/ar/questions/x/"' in html
    assert 'href="/fr/scams/"' in html
    assert 'href="https://www.interpol.int/"' in html
    assert "/ar//evil" not in html
