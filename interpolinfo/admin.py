from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from interpolinfo.editing import comparison_table
from interpolinfo.forms import Decision, ReviewForm
from interpolinfo.models import Proposal, ProposalState, SiteFacts, TranslationState
from interpolinfo.review import (
    ReviewRefused,
    approve,
    comparison,
    is_live_row,
    item_of,
    send_back,
)
from interpolinfo.translations import english_hash, translation_report

# Staff should know at a glance which site they are editing; Django's defaults name Django.
admin.site.site_header = _("interpolinfo — staff")
admin.site.site_title = _("interpolinfo staff")
admin.site.index_title = _("Content and settings")


class SafeDateHierarchyMixin:
    """A date drill-down past the calendar's end (`?date__year=9999`) is a bad link,
    not a crash: Django's changelist computes the next year or day and overflows.
    Reported as incorrect lookup parameters, the admin shows the list with `?e=1`."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


def make_date_hierarchies_safe(site: admin.AdminSite) -> None:
    """Give every registered list with a date drill-down (ours and third-party apps',
    such as django-axes' logs) the mixin above; called once the admin is discovered."""
    for model, model_admin in list(site._registry.items()):
        if model_admin.date_hierarchy and not isinstance(model_admin, SafeDateHierarchyMixin):
            safe = type(
                f"Safe{type(model_admin).__name__}", (SafeDateHierarchyMixin, type(model_admin)), {}
            )
            site.unregister(model)
            site.register(model, safe)


class SuperusersDeleteDevicesOnly:
    """Two-factor devices (django-otp's own admins): only a superuser sees them, and
    can only delete them, to let someone who lost theirs set up a new one. Nobody
    adds or edits a device here: each person sets up their own at sign-in."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


def let_only_superusers_delete_devices(site: admin.AdminSite) -> None:
    """Wrap django-otp's device admins in the rules above; called once the admin is discovered."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for model in (TOTPDevice, StaticDevice):
        model_admin = type(site._registry[model])
        site.unregister(model)
        site.register(
            model,
            type(f"Guarded{model_admin.__name__}", (SuperusersDeleteDevicesOnly, model_admin), {}),
        )


@admin.register(SiteFacts)
class SiteFactsAdmin(admin.ModelAdmin):
    """One row, created by a migration: staff change it, never add or delete it."""

    list_display = ("__str__", "member_countries", "last_verified")
    fields = ("member_countries", "source_url", "last_verified")

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(TranslationState)
class TranslationStateAdmin(admin.ModelAdmin):
    """The translation report: per language, what is missing, stale or unreviewed."""

    list_display = ["content_type", "object_id", "language", "needs_native_review", "updated"]
    list_filter = ["language", "needs_native_review", "content_type"]
    change_list_template = "admin/interpolinfo/translationstate/change_list.html"
    actions = ["mark_reviewed"]

    def has_add_permission(self, request) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "translation_report": translation_report()}
        return super().changelist_view(request, extra_context=extra_context)

    @admin.action(description=_("Mark as reviewed by a native speaker and up to date"))
    def mark_reviewed(self, request, queryset):
        updated = 0
        for state in queryset.select_related("content_type"):
            item = state.content_type.get_object_for_this_type(pk=state.object_id)
            state.source_hash = english_hash(item)
            state.needs_native_review = False
            state.save()
            updated += 1
        self.message_user(request, _("%(n)d translation(s) marked reviewed.") % {"n": updated})


def may_review(user, proposal: Proposal) -> bool:
    """Publishers: the review permission, and the right to publish that kind of page."""
    model = proposal.content_type.model_class()
    if model is None or not user.has_perm("interpolinfo.review_proposal"):
        return False
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    """Changes Editors propose to published pages, and drafts they submit. The
    change page is the review: what would change, field by field, and the decision."""

    list_display = ["title", "content_type", "author", "state", "submitted_at", "reviewer"]
    list_filter = ["state", "content_type"]
    list_select_related = ["content_type", "author", "reviewer"]
    search_fields = ["title"]

    def has_add_permission(self, request) -> bool:
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        proposal = self.get_object(request, unquote(object_id))
        if proposal is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, proposal):
            raise PermissionDenied
        reviewer = may_review(request.user, proposal)
        item = item_of(proposal)
        posted = None
        if request.method == "POST":
            if not reviewer:
                raise PermissionDenied
            if request.POST.get("decision") not in Decision.values:
                return HttpResponseBadRequest(_("Choose one of the decisions on the page."))
            posted = ReviewForm(request.POST, decision=request.POST["decision"])
            if posted.is_valid() and (response := self._decide(request, proposal, posted)):
                return response
        changes = comparison(proposal=proposal, item=item) if item is not None else []
        forms = {}
        if reviewer and item is not None and proposal.is_open:
            initial = {"item_version": item.version, "proposal_version": proposal.version}
            for decision in Decision.values:
                if posted is not None and posted.cleaned_data.get("decision", "") == decision:
                    forms[decision] = posted
                else:
                    forms[decision] = ReviewForm(initial=initial, decision=decision)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Review the proposed change"),
            "opts": self.opts,
            "proposal": proposal,
            "item": item,
            "live_page": item is not None and is_live_row(item),
            "changes": changes,
            "changes_table": comparison_table(
                changes, headings=(_("On the site now"), _("Proposed"))
            ),
            "item_admin_url": _admin_change_url(item),
            "forms": forms,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/interpolinfo/proposal/review.html", context)

    def _decide(self, request, proposal: Proposal, form: ReviewForm):
        data = form.cleaned_data
        versions = {"proposal_version": data["proposal_version"]}
        try:
            if data["decision"] == Decision.SEND_BACK:
                send_back(
                    proposal=proposal, reviewer=request.user, comment=data["comment"], **versions
                )
                message = _("Sent back to %(author)s with your comment.")
            else:
                approve(
                    proposal=proposal,
                    reviewer=request.user,
                    item_version=data["item_version"],
                    publish_at=data["publish_at"]
                    if data["decision"] == Decision.SCHEDULE
                    else None,
                    **versions,
                )
                message = (
                    _("Approved: it goes live at the time you chose.")
                    if proposal.state == ProposalState.SCHEDULED
                    else _("Approved and published.")
                )
        except ReviewRefused as refused:
            form.add_error(None, refused.message)
            return None
        self.message_user(
            request, message % {"author": proposal.author.get_username()}, messages.SUCCESS
        )
        return HttpResponseRedirect(reverse("admin:index"))


def _admin_change_url(item) -> str:
    if item is None:
        return ""
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
