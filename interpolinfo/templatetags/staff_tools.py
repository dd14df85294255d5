"""Template tags for the admin's cross-app tools (preview, dashboard)."""

from django import template
from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils import timezone

from interpolinfo.dashboard import dashboard_for
from interpolinfo.preview import is_previewable

register = template.Library()


@register.simple_tag(takes_context=True)
def preview_url(context) -> str:
    """Where the change form posts for a preview; "" for a kind of item with no public page."""
    opts = context.get("opts")
    if opts is None or not is_previewable(opts.model):
        return ""
    kwargs = {"app_label": opts.app_label, "model_name": opts.model_name}
    original = context.get("original")
    if original is not None and original.pk is not None:
        return reverse("staff:preview", kwargs={**kwargs, "object_id": quote(original.pk)})
    return reverse("staff:preview_new", kwargs=kwargs)


@register.simple_tag(takes_context=True)
def staff_dashboard(context) -> dict:
    """The admin home page's dashboard for the signed-in user (interpolinfo/dashboard.py)."""
    return dashboard_for(context["request"].user, today=timezone.localdate())
