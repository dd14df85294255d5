from django.conf import settings
from django.utils.functional import SimpleLazyObject

from interpolinfo.site_facts import current_facts


def site(request):
    """Values every page template needs; the facts are read only if a page uses them."""
    return {"SITE_URL": settings.SITE_URL, "site_facts": SimpleLazyObject(current_facts)}
