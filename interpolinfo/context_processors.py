from django.conf import settings
from django.utils.functional import SimpleLazyObject

from interpolinfo.site_facts import current_facts
from interpolinfo.version_memo import remember


def _facts() -> dict[str, object]:
    return remember("site-facts", current_facts)


def site(request):
    """Values every page template needs; the facts are read only if a page uses them
    (and then once per content version and process, see version_memo)."""
    return {"SITE_URL": settings.SITE_URL, "site_facts": SimpleLazyObject(_facts)}
