"""The "was this helpful?" answers: anonymous counts, no cookie, no CSRF token.

Article pages set no cookie, so the form cannot carry Django's CSRF token.
Instead the browser's own headers say where a POST comes from: a request is
accepted only when `Sec-Fetch-Site` says same-origin, or, from browsers that
do not send that header, when `Origin` is this site.
"""

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from faq.models import Article, ArticleFeedback
from interpolinfo.counting import count_up


def trusted_origins(request: HttpRequest) -> set[str]:
    return {
        f"{request.scheme}://{request.get_host()}",
        settings.SITE_URL,
        *settings.CSRF_TRUSTED_ORIGINS,
    }


def is_same_origin_post(request: HttpRequest) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    return origin is not None and origin in trusted_origins(request)


# A vote is one short field; anything bigger or of another kind is not a vote.
MAX_VOTE_BYTES = 1024
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


def is_small_form_post(request: HttpRequest, *, limit: int = MAX_VOTE_BYTES) -> bool:
    """A plain url-encoded form body of at most `limit` bytes, judged from the headers
    before Django reads the body (so a large upload is never parsed or stored)."""
    if request.content_type != FORM_CONTENT_TYPE:
        return False
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return 0 < length <= limit


def record_feedback(*, article: Article, helpful: bool) -> None:
    """Add one anonymous answer to today's counts for `article`."""
    count_up(
        ArticleFeedback,
        match={"article": article.pk, "date": timezone.localdate()},
        add={"helpful": int(helpful), "not_helpful": int(not helpful)},
    )
