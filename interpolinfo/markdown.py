"""Markdown to sanitized HTML: the only HTML from the database a template may trust.

Editors write Markdown; it is rendered once, on save, and the result goes
through nh3 with a short allow-list. Anything not on the list (scripts, event
handlers, styles, `javascript:` and `data:` addresses, images) is removed, so
the stored `*_html` fields are safe to print with `|safe`.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext

from interpolinfo.links import LinkKind, classify_link

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
# Removed together with their content, not merely unwrapped.
DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noscript"}

EXTERNAL_REL = "noopener noreferrer"
# A site a Publisher allowed although it is not official: search engines are told not
# to count the link as an endorsement, and visitors see a label after it.
UNOFFICIAL_REL = "nofollow noopener noreferrer"
_ANCHOR = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)>(.*?)</a>', re.DOTALL)
_HREF = re.compile(r'\shref="([^"]*)"')
_SPACE_BEFORE_PUNCTUATION = re.compile(r" ([,.;:!?])")
_BLOCK_TAG = re.compile(r"</?(?:p|li|h[2-4]|br|hr|tr|td|th|pre|blockquote|ul|ol|table)\b")


def _is_external(href: str) -> bool:
    parts = urlsplit(unescape(href))
    if parts.scheme not in {"http", "https"}:
        return False
    own_host = urlsplit(settings.SITE_URL).hostname
    return parts.hostname != own_host


def _mark_external_links(html: str) -> str:
    """Add rel="noopener noreferrer" to links that leave the site; links to a site
    that is not official also get "nofollow" and a visible "not an official site".

    Runs on nh3's output, whose attributes are always double-quoted with any
    quote inside escaped and whose links never nest, so the pattern cannot be
    confused by the content.
    """

    def add_rel(match: re.Match[str]) -> str:
        attrs, text = match.group(1), match.group(2)
        href = _HREF.search(attrs)
        if not href or not _is_external(href.group(1)):
            return match.group(0)
        if classify_link(href.group(1)) == LinkKind.OFFICIAL:
            return f'<a{attrs} rel="{EXTERNAL_REL}">{text}</a>'
        label = format_html(
            '<small class="unofficial-link">({})</small>', gettext("not an official site")
        )
        return f'<a{attrs} rel="{UNOFFICIAL_REL}">{text}</a> {label}'

    return _ANCHOR.sub(add_rel, html)


# What browsers remove from a URL before reading it (the WHATWG URL standard): tabs
# and newlines anywhere, other C0 controls and spaces at either end.
_URL_INVISIBLE = re.compile(r"[\t\n\r]")
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _safe_href(tag: str, attribute: str, value: str) -> str | None:
    """The address as a browser will read it, or None (dropped) when that reading
    has a scheme off the allow-list: "java\tscript:" is "javascript:" to a browser."""
    if attribute != "href":
        return value
    seen_by_browser = _URL_INVISIBLE.sub("", value).strip("\x00- ")
    scheme = _URL_SCHEME.match(seen_by_browser)
    if scheme and scheme.group(1).lower() not in ALLOWED_URL_SCHEMES:
        return None
    return seen_by_browser


def clean_html(html: str) -> str:
    """Keep only allow-listed tags, attributes and link schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        attribute_filter=_safe_href,
    )


def sanitize_html(html: str) -> str:
    """`clean_html`, with links that leave the site marked (in the active language)."""
    return _mark_external_links(clean_html(html))


_LOCAL_HREF = re.compile(r'href="/(?!/)([^"]*)"')


def _localise_links(html: str, language: str) -> str:
    """Editors link pages as "/questions/x/"; the page in `language` links "/fr/questions/x/".

    Runs on nh3's output (attributes double-quoted); links that already name a
    language, and the admin, are left alone.
    """
    languages = {code for code, _name in settings.LANGUAGES}
    admin = settings.ADMIN_PATH.strip("/")

    def prefix(match: re.Match[str]) -> str:
        path = match.group(1)
        first = path.split("/", 1)[0]
        if first in languages or (admin and first == admin):
            return match.group(0)
        return f'href="/{language}/{path}"'

    return _LOCAL_HREF.sub(prefix, html)


def render_markdown(text: str, *, language: str | None = None) -> str:
    """Render an editor's Markdown to sanitized HTML for a page in `language`."""
    language = language or settings.LANGUAGE_CODE
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    with translation.override(language):
        return _localise_links(sanitize_html(html), language)


def html_to_text(html: str) -> str:
    """Plain text of sanitized HTML, for search snippets."""
    # A space before each block tag keeps the words of neighbouring paragraphs
    # apart once the tags are gone; inline tags such as <strong> get none.
    spaced = _BLOCK_TAG.sub(r" \g<0>", html)
    text = nh3.clean(spaced, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT)
    return " ".join(unescape(text).split())


def highlight_snippet(marked: str) -> str:
    """Sanitize a search snippet in which only <mark> may remain as markup."""
    spaced = _BLOCK_TAG.sub(r" \g<0>", marked)
    cleaned = nh3.clean(spaced, tags={"mark"}, attributes={}, link_rel=None)
    # PostgreSQL's headline leaves a space where an inline tag was cut out.
    return _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(cleaned.split()))
