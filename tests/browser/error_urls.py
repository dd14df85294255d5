"""The site's URLs plus three that fail on purpose, so the browser checks can
look at the 400, 403 and 500 pages exactly as a visitor would see them."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from interpolinfo.urls import handler400, handler403, handler404, handler500, urlpatterns


def bad_request(request):
    raise SuspiciousOperation("Browser test: a deliberately bad request.")


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("Browser test: a deliberate server error.")


urlpatterns = [
    path("__browser-tests__/400/", bad_request),
    path("__browser-tests__/403/", forbidden),
    path("__browser-tests__/500/", broken),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
