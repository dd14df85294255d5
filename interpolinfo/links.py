"""Which addresses in staff-written content are official.

Every link staff write (Markdown bodies, sources, outcome text) is one of:
internal (a page of this site), official (on the allow-list that channel
addresses use, contact.validators), insecure (plain http to an address whose
https form would be official: refused outright), or unofficial (anything else:
allowed only where a Publisher ticked "link anyway", and then shown to visitors
marked "not an official site").
"""

import re
from enum import StrEnum
from html import unescape
from urllib.parse import urlsplit, urlunsplit

import markdown
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contact.validators import host_is_allowed, validate_official_url

_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')


class LinkKind(StrEnum):
    INTERNAL = "internal"
    OFFICIAL = "official"
    INSECURE = "insecure"
    UNOFFICIAL = "unofficial"


def _is_official(url: str) -> bool:
    try:
        validate_official_url(url)
    except ValidationError:
        return False
    return True


def classify_link(href: str) -> LinkKind:
    """What kind of address `href` is, as a browser would follow it."""
    try:
        parts = urlsplit(unescape(href).strip())
    except ValueError:
        return LinkKind.UNOFFICIAL
    scheme = parts.scheme.lower()
    if not scheme and not parts.netloc:
        return LinkKind.INTERNAL  # "/questions/x/", "#part", "../x"
    if scheme == "mailto":
        domain = parts.path.rpartition("@")[2].split("?")[0]
        official = host_is_allowed(
            host=domain, allowed_domains=settings.CONTACT_URL_ALLOWED_DOMAINS
        )
        return LinkKind.OFFICIAL if official else LinkKind.UNOFFICIAL
    if not scheme:  # "//host/path" takes the page's scheme, https on this site
        parts = parts._replace(scheme="https")
    if parts.hostname and parts.hostname == urlsplit(settings.SITE_URL).hostname:
        return LinkKind.INTERNAL
    url = urlunsplit(parts)
    if _is_official(url):
        return LinkKind.OFFICIAL
    if parts.scheme == "http" and _is_official(urlunsplit(parts._replace(scheme="https"))):
        return LinkKind.INSECURE
    return LinkKind.UNOFFICIAL


def markdown_links(text: str) -> list[str]:
    """Every address `text` links to, in order, as the rendered page will have it."""
    from interpolinfo.markdown import clean_html

    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"])
    return [unescape(href) for href in _HREF.findall(clean_html(html))]


def links_of_kind(texts: list[str], kind: LinkKind) -> list[str]:
    """Addresses of `kind` linked from any of `texts`, each once, in order of appearance."""
    found = [href for text in texts for href in markdown_links(text) if classify_link(href) == kind]
    return list(dict.fromkeys(found))


def link_errors(*, texts: list[str], allow_unofficial: bool) -> list[ValidationError]:
    """Why the links in `texts` cannot go public as they are (empty: they can)."""
    errors = [
        ValidationError(
            _("“%(url)s”: use the https:// address; the official site is on the list only so."),
            code="insecure",
            params={"url": url},
        )
        for url in links_of_kind(texts, LinkKind.INSECURE)
    ]
    unofficial = links_of_kind(texts, LinkKind.UNOFFICIAL)
    if unofficial and not allow_unofficial:
        errors.append(
            ValidationError(
                _(
                    "Not on the list of official domains: %(urls)s. Correct the address, or a "
                    "Publisher ticks “Link to sites that are not official” after checking it."
                ),
                code="unofficial",
                params={"urls": ", ".join(unofficial)},
            )
        )
    return errors


def source_error(*, url: str, allow_unofficial: bool) -> ValidationError | None:
    """Why `url` cannot be listed as a source (None: it can)."""
    kind = classify_link(url)
    if kind == LinkKind.INSECURE:
        return link_errors(texts=[f"<{url}>"], allow_unofficial=True)[0]
    if kind != LinkKind.OFFICIAL and not allow_unofficial:
        return ValidationError(
            _(
                "“%(url)s” is not on the list of official domains. Correct the address, or a "
                "Publisher ticks “Link to sites that are not official” after checking it: it is "
                "then listed apart from the official sources."
            ),
            code="unofficial",
            params={"url": url},
        )
    return None
