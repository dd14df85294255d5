"""Site-wide views that belong to no single app: health, robots and errors."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


def language_from_header(header: str) -> str:
    """The first of the site's languages the browser accepts, else the default."""
    for code, _quality in parse_accept_lang_header(header or ""):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


@require_safe
def choose_language(request: HttpRequest) -> HttpResponse:
    """ "/": send the visitor to the home page in their browser's language.

    Only the Accept-Language header decides (no cookie is read or set), and
    the redirect says so with `Vary`, so caches keep one answer per language.
    """
    language = language_from_header(request.headers.get("Accept-Language", ""))
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"/{language}/" + (f"?{query}" if query else ""))
    patch_vary_headers(response, ["Accept-Language"])
    return response


def database_is_up() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer whether this instance can serve pages."""
    ok = database_is_up()
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": "ok" if ok else "unreachable"},
        status=200 if ok else 503,
    )


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    # No Disallow line: it would reveal the admin's address. Admin pages carry
    # X-Robots-Tag instead (interpolinfo.middleware), private pages noindex.
    lines = [
        "User-agent: *",
        "Allow: /",
        f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: how to report a vulnerability. Without a contact configured there
    is nothing true to say, so the file does not exist (404)."""
    if not settings.SECURITY_TXT_CONTACT:
        raise Http404
    lines = [
        f"Contact: {settings.SECURITY_TXT_CONTACT}",
        f"Expires: {settings.SECURITY_TXT_EXPIRES}",
        "Preferred-Languages: en, fr, es, ar",
        f"Canonical: {settings.SITE_URL}{reverse('security_txt')}",
        "# Please describe the problem and how to reproduce it. This site holds no",
        "# visitor accounts; do not test against other visitors or send automated load.",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _error(request: HttpRequest, status: int) -> HttpResponse:
    return render(request, f"{status}.html", status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return _error(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(request, 403)
