"""Whole-page cache for anonymous visitors, always as fresh as the content.

Almost every request is an anonymous GET of a page that changes only when
staff edit, so the finished response (with every header the inner middleware
added) is kept in the cache under a key made of the URL, the language and the
content version (see `content_version`). An edit bumps the version, so the
next request on any instance renders afresh. Public visitors never get a
cookie, so a request that carries one (staff with a session) bypasses the
cache and is answered `private, no-store`, as are the admin and previews.
A view opts out by setting its own Cache-Control (e.g. `@never_cache`).

Responses this middleware makes public also get an ETag and a Last-Modified
and answer conditional requests with 304, and a short `Cache-Control` that
lets a CDN or proxy keep them, never past the next scheduled publication.
"""

import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag
from django.utils.http import http_date

from interpolinfo.content_version import ContentState, current_state
from interpolinfo.version_memo import serving

logger = logging.getLogger(__name__)

PRIVATE = "private, no-store"
STATUS_HEADER = "X-Page-Cache"


@dataclass(frozen=True)
class CachedPage:
    """A stored response, and what its view asks to run on every request it answers.

    A view that counts visits (search counts each search) sets
    `response.page_cache_replay` to a picklable callable; each cache hit calls it.
    """

    content: bytes
    headers: tuple[tuple[str, str], ...]
    replay: Callable[[], object] | None = None

    @classmethod
    def from_response(cls, response: HttpResponse) -> "CachedPage":
        return cls(
            content=response.content,
            headers=tuple(response.items()),
            replay=getattr(response, "page_cache_replay", None),
        )

    def to_response(self) -> HttpResponse:
        response = HttpResponse(self.content)
        for name, value in self.headers:
            response[name] = value
        return response


class LocalPages:
    """The most recently used pages, kept in this process in front of the shared cache.

    Safe without any invalidation because a key names its content version: a
    page of an old version is simply never asked for again and ages out. It
    saves a round trip to Redis and unpickling on the pages read most. Entries
    also expire like the shared cache's, for the little that depends on the date.
    """

    def __init__(self) -> None:
        self._pages: OrderedDict[str, tuple[CachedPage, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> CachedPage | None:
        with self._lock:
            entry = self._pages.get(key)
            if entry is None:
                return None
            if entry[1] < time.monotonic():
                del self._pages[key]
                return None
            self._pages.move_to_end(key)
            return entry[0]

    def set(self, key: str, page: CachedPage, timeout: float) -> None:
        with self._lock:
            self._pages[key] = (page, time.monotonic() + timeout)
            self._pages.move_to_end(key)
            while len(self._pages) > settings.PAGE_CACHE_LOCAL_ENTRIES:
                self._pages.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()


local_pages = LocalPages()


def _matches_any(patterns: list[str], path: str) -> bool:
    # `re` keeps compiled patterns, so building the alternation per request is cheap.
    return bool(patterns) and re.match("|".join(f"(?:{p})" for p in patterns), path) is not None


def is_private_request(request: HttpRequest) -> bool:
    """Staff (anyone with a cookie), the admin and previews: never cached anywhere."""
    private_paths = [re.escape(f"/{settings.ADMIN_PATH}"), *settings.PAGE_CACHE_PRIVATE_PATHS]
    return bool(request.COOKIES) or _matches_any(private_paths, request.path_info)


def may_use_cache(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_ENABLED:
        return False
    return not _matches_any(settings.PAGE_CACHE_EXCLUDED_PATHS, request.path_info)


def known_query(request: HttpRequest) -> str:
    """The query string with only the parameters some page reads, in their order.

    A page never depends on any other parameter, so `?utm_source=x` or a
    thousand junk variations of one address share its single cache entry.
    """
    known = set(settings.PAGE_CACHE_QUERY_PARAMS)
    return urlencode(
        [
            (k, v)
            for k, v in parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
            if k in known
        ]
    )


def page_key(request: HttpRequest, *, state: ContentState, language: str) -> str:
    """URL (known parameters only), language and content version; the change time keeps
    a version number that comes back (a database restored from a backup) from meeting
    pages of its first life."""
    url = f"{request.scheme}://{request.get_host()}{request.path}?{known_query(request)}"
    digest = hashlib.sha256(url.encode()).hexdigest()
    version = f"{state.version}.{state.changed_at.timestamp():.6f}"
    return f"page:{version}:{language}:{digest}"


def is_public_response(response: HttpResponseBase) -> bool:
    """A complete, anonymous 200 whose view left caching to us."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Cache-Control")
    )


def seconds_fresh(state: ContentState, *, limit: int) -> int:
    """At most `limit`, and never past the moment a scheduled item goes live."""
    until_publish = state.seconds_until_next_publish(now=timezone.now())
    return limit if until_publish is None else min(limit, until_publish)


def public_cache_control(state: ContentState) -> str:
    browser = seconds_fresh(state, limit=settings.PAGE_CACHE_MAX_AGE)
    shared = seconds_fresh(state, limit=settings.PAGE_CACHE_SHARED_MAX_AGE)
    return f"public, max-age={browser}, s-maxage={shared}"


def mark_private(response: HttpResponseBase) -> HttpResponseBase:
    response["Cache-Control"] = PRIVATE
    response.headers.pop("Expires", None)
    return response


def add_validators(response: HttpResponse, state: ContentState) -> None:
    """ETag from the body; Last-Modified from the content version's change time."""
    set_response_etag(response)
    response["Last-Modified"] = http_date(state.changed_at.timestamp())
    patch_vary_headers(response, ("Cookie",))


class PageCacheMiddleware:
    """Put this right after WhiteNoise, so a cache hit skips every other middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if is_private_request(request):
            return mark_private(self.get_response(request))
        if not may_use_cache(request):
            return self.get_response(request)

        try:
            state = current_state()
        except DatabaseError:
            # Pages that need no database (robots.txt, error pages) still work.
            logger.warning("Content version unreadable; serving %s uncached", request.path)
            return self.get_response(request)
        key = page_key(request, state=state, language=_language(request))
        timeout = max(1, seconds_fresh(state, limit=settings.PAGE_CACHE_TIMEOUT))
        cached = local_pages.get(key)
        if cached is None:
            cached = _shared_get(key)
            if cached is not None:
                local_pages.set(key, cached, timeout)
        if cached is not None:
            _replay(cached, request)
            response = cached.to_response()
            _diagnose(response, "hit")
        else:
            with serving(state.version):
                response = self.get_response(request)
            if response.cookies:
                return mark_private(response)
            if not is_public_response(response):
                return response
            add_validators(response, state)
            if request.method == "GET":
                page = CachedPage.from_response(response)
                _shared_set(key, page, timeout)
                local_pages.set(key, page, timeout)
            _diagnose(response, "miss")

        response["Cache-Control"] = public_cache_control(state)
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=int(state.changed_at.timestamp()),
            response=response,
        )


# A cache that is down (Redis restarting) must cost speed, never pages: its errors
# are logged and the page is rendered as if it were not cached.


def _shared_get(key: str) -> CachedPage | None:
    try:
        return caches[settings.PAGE_CACHE_ALIAS].get(key)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)
        return None


def _shared_set(key: str, page: CachedPage, timeout: int) -> None:
    try:
        caches[settings.PAGE_CACHE_ALIAS].set(key, page, timeout)
    except Exception:
        logger.warning("Page cache unavailable", exc_info=True)


def _diagnose(response: HttpResponse, outcome: str) -> None:
    # Only where asked for (DEBUG by default): in production a hit or a miss would
    # tell one visitor what others recently searched for or chose.
    if settings.PAGE_CACHE_DIAGNOSTIC_HEADER:
        response[STATUS_HEADER] = outcome


def _replay(page: CachedPage, request: HttpRequest) -> None:
    if page.replay is None:
        return
    try:
        page.replay()
    except DatabaseError:
        # A lost count must not cost the visitor the page.
        logger.exception("Replaying the view's count failed for %s", request.path)


def _language(request: HttpRequest) -> str:
    return translation.get_language_from_request(request)
