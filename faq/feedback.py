"""The "was this helpful?" answers: anonymous counts, no cookie, no CSRF token.

Article pages set no cookie, so the form cannot carry Django's CSRF token.
Instead the browser's own headers say where a POST comes from: a request is
accepted only when `Sec-Fetch-Site` says same-origin, or, from browsers that
do not send that header, when `Origin` is this site.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from faq.models import Article, ArticleFeedback


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


def record_feedback(*, article: Article, helpful: bool) -> None:
    """Add one anonymous answer to today's counts for `article`."""
    column = "helpful" if helpful else "not_helpful"
    today = timezone.localdate()
    rows = ArticleFeedback.objects.filter(article=article, date=today)
    if rows.update(**{column: F(column) + 1}):
        return
    try:
        with transaction.atomic():
            ArticleFeedback.objects.create(article=article, date=today, **{column: 1})
    except IntegrityError:
        rows.update(**{column: F(column) + 1})
