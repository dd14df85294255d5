"""The project's URLs plus a few pages that only the page-cache tests need."""

from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from interpolinfo import urls as project_urls


def group_names(request):
    names = ", ".join(Group.objects.order_by("name").values_list("name", flat=True))
    return HttpResponse(f"<p>Groups: {names}</p>")


def sets_a_cookie(request):
    response = HttpResponse("<p>Hello</p>")
    response.set_cookie("tracker", "1")
    return response


@never_cache
def never_cached(request):
    return HttpResponse("<p>Always fresh</p>")


def preview(request):
    return HttpResponse("<p>Draft</p>")


urlpatterns = [
    path("groups/", group_names, name="groups"),
    path("sets-a-cookie/", sets_a_cookie),
    path("never-cached/", never_cached),
    path("articles/draft/preview/", preview),
    *project_urls.urlpatterns,
]
