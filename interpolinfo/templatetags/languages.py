"""Links to the same page in the site's other languages (switcher and hreflang)."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

register = template.Library()

# Each language as its speakers write it at the start of a menu item; Django's
# name_local is lower-case ("français") and adds a shadda to العربية.
SELF_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ar": "العربية"}


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language itself: Français, Español, العربية
    url: str  # path and query in that language
    bidi: bool
    current: bool


def without_language_prefix(path: str) -> str:
    """/fr/questions/x/ -> /questions/x/ (the address that picks a language itself)."""
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
    return path


@register.simple_tag(takes_context=True)
def language_links(context) -> list[LanguageLink]:
    request = context.get("request")
    if request is None:
        return []
    here = request.get_full_path()
    current = get_language()
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        links.append(
            LanguageLink(
                code=code,
                name=SELF_NAMES.get(code, info["name_local"]),
                url=translate_url(here, code),
                bidi=info["bidi"],
                current=code == current,
            )
        )
    return links


@register.simple_tag(takes_context=True)
def default_language_url(context) -> str:
    """The x-default address: this page without a language, which chooses one."""
    request = context.get("request")
    return without_language_prefix(request.get_full_path()) if request else "/"


@register.filter
def untranslated(instance) -> bool:
    """True when the page's text is not yet in the visitor's language (English shows)."""
    from interpolinfo.translations import is_translated

    return instance is not None and not is_translated(instance, get_language())
