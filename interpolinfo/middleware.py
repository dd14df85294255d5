"""Small site-wide middleware that belongs to no app."""

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


class AdminNoIndexMiddleware:
    """Keep every admin page out of search indexes with a header, so robots.txt
    need not name the admin's address (which would tell anyone where it is)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.path_info.startswith(f"/{settings.ADMIN_PATH}"):
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
