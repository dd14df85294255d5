"""Staff-written Markdown to safe HTML, shared by every app that shows it.

Two layers: Markdown runs with raw HTML switched off (anything that looks like
a tag is shown as text), then nh3 keeps only an allow-list of tags and
attributes and drops every link that is not http, https, mailto or relative.
External links get rel="noopener noreferrer".
"""

import xml.etree.ElementTree as ET

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
EXTERNAL_REL = "noopener noreferrer"


class _ExternalLinks(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for link in root.iter("a"):
            if link.get("href", "").lower().startswith(("http://", "https://")):
                link.set("rel", EXTERNAL_REL)


class _SafeMarkdown(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Raw HTML is never needed in staff text; shown as text, it cannot hide anything.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_ExternalLinks(md), "external_links", 0)


def render_markdown(text: str) -> str:
    """Return sanitized HTML for staff-written Markdown `text`."""
    html = markdown.markdown(text, extensions=["sane_lists", "tables", _SafeMarkdown()])
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values={"a": {"rel": {EXTERNAL_REL}}},
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )
