"""Staff pages that work across apps, served under the admin's address."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.http import require_POST

from interpolinfo.preview import build_preview, is_previewable

PREVIEW_LANGUAGE_PARAM = "_preview_language"


def preview_language(request: HttpRequest) -> str:
    """The language chosen beside the Preview button; English if none or unknown."""
    chosen = request.POST.get(PREVIEW_LANGUAGE_PARAM, "")
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@require_POST
def preview(
    request: HttpRequest, app_label: str, model_name: str, object_id: str | None = None
) -> HttpResponse:
    """The public page from the unsaved change form, in a new tab; nothing is saved."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    if not is_previewable(model) or not admin.site.is_registered(model):
        raise Http404
    model_admin = admin.site.get_model_admin(model)
    item = model_admin.get_object(request, unquote(object_id)) if object_id else model()
    if item is None:
        raise Http404
    if not model_admin.has_view_permission(request, item if object_id else None):
        raise PermissionDenied
    language = preview_language(request)
    with translation.override(language):
        page = build_preview(model_admin=model_admin, request=request, item=item)
        if page.errors:
            context = {
                **admin.site.each_context(request),
                "title": translation.gettext("The preview cannot be shown"),
                "errors": page.errors,
                "opts": model._meta,
            }
            response = TemplateResponse(
                request, "admin/interpolinfo/preview_refused.html", context, status=400
            )
        else:
            context = {
                **page.context,
                "public_template": page.template,
                "phone_width": request.GET.get("width") == "phone",
            }
            response = TemplateResponse(request, "admin/interpolinfo/preview.html", context)
        response.render()
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
