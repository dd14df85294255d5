from interpolinfo.markdown import render_markdown


def test_markdown_becomes_html():
    html = render_markdown("**Have ready**\n\n- your messages\n- the date")
    assert html == (
        "<p><strong>Have ready</strong></p>\n<ul>\n<li>your messages</li>\n<li>the date</li>\n</ul>"
    )


def test_raw_html_and_scripts_are_shown_as_text_never_run():
    html = render_markdown('<script>alert(1)</script> <img src=x onerror="alert(1)">')
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


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
    assert '<a href="/contact/">in</a>' in html


def test_empty_text_gives_empty_html():
    assert render_markdown("") == ""
