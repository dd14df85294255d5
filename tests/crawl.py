"""A small crawler over the public site through Django's test client.

It follows every same-site link and submits every GET form once per radio
option, so it reaches knowledge-base pages, search results and every step and
result of the contact-route wizard without knowing their addresses.
"""

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django.conf import settings
from django.test import Client


@dataclass
class _Form:
    action: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    radios: dict[str, list[str]] = field(default_factory=dict)


class _PageParser(HTMLParser):
    def __init__(self, base: str) -> None:
        super().__init__()
        self.base = base
        self.links: list[str] = []
        self.forms: list[_Form] = []
        self._form: _Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if tag == "a" and attr.get("href"):
            self.links.append(urljoin(self.base, attr["href"]))
        elif tag == "form" and attr.get("method", "get").lower() == "get":
            self._form = _Form(action=urljoin(self.base, attr.get("action") or self.base))
        elif tag == "input" and self._form is not None and attr.get("name"):
            kind = attr.get("type", "text")
            if kind == "radio":
                self._form.radios.setdefault(attr["name"], []).append(attr.get("value", ""))
            elif kind == "hidden":
                self._form.fields.append((attr["name"], attr.get("value", "")))
            elif kind in {"text", "search"}:
                self._form.fields.append((attr["name"], "interpol"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def _form_urls(form: _Form) -> Iterator[str]:
    if not form.radios:
        yield f"{form.action}?{urlencode(form.fields)}"
        return
    for name, values in form.radios.items():
        for value in values:
            yield f"{form.action}?{urlencode([*form.fields, (name, value)])}"


def _is_public(url: str, *, language: str | None = None) -> bool:
    parts = urlsplit(url)
    if parts.netloc not in {"", "testserver"}:
        return False
    excluded = [f"/{settings.ADMIN_PATH}", settings.STATIC_URL]
    if language is not None:
        # Stay in one language: the switcher doubles every page four times.
        excluded += [f"/{code}/" for code, _name in settings.LANGUAGES if code != language]
    return not parts.path.startswith(tuple(excluded))


def crawl(
    client: Client, start: list[str], limit: int = 800, *, language: str | None = None
) -> dict[str, object]:
    """Visit every public page reachable from `start` (in one `language`, if given);
    return url -> response."""
    seen: dict[str, object] = {}
    queue = deque(start)
    while queue and len(seen) < limit:
        url = queue.popleft()
        parts = urlsplit(url)
        local = parts.path + (f"?{parts.query}" if parts.query else "")
        if local in seen or not _is_public(url, language=language):
            continue
        response = client.get(local)
        seen[local] = response
        if response.status_code in {301, 302, 303, 307, 308}:
            queue.append(urljoin(local, response["Location"]))
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        parser = _PageParser(base=f"http://testserver{local}")
        parser.feed(response.content.decode())
        queue.extend(parser.links)
        for form in parser.forms:
            queue.extend(_form_urls(form))
    return seen
