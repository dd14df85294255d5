"""Staff editing of the knowledge base.

Editors write and change drafts; only users with the model's `publish_*`
permission (the Publishers group) can publish. An Editor's change to a published
page is kept as a proposal for a Publisher to review (interpolinfo.review). django-reversion keeps every saved version, so changes can be
compared (django-reversion-compare), reverted and deleted items recovered.
"""

from datetime import timedelta

from adminsortable2.admin import CustomInlineFormSet, SortableAdminMixin, SortableTabularInline
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import HttpResponseForbidden, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from reversion import create_revision, set_comment, set_user
from reversion_compare.admin import CompareVersionAdmin

from faq.models import (
    Article,
    ArticleFeedback,
    ArticleSource,
    CrimeArea,
    CrimeAreaSource,
    OldSlug,
    ScamType,
    ScamTypeSource,
    SearchLog,
    Status,
    Synonym,
    Topic,
)
from faq.review import overdue_items
from interpolinfo.admin_a11y import AccessibleTabularInlineMixin
from interpolinfo.editing import (
    VersionedAdminMixin,
    may_link_unofficial,
    unofficial_source_errors,
)
from interpolinfo.models import Proposal, ProposalState
from interpolinfo.review import (
    ProposingForm,
    apply_values,
    keep_proposal,
    proposal_of,
    proposed_values,
)

LOG_REPORT_DAYS = 90


SUBMIT_FOR_REVIEW = "_submit_for_review"


def is_published(obj) -> bool:
    return obj is not None and obj.status == Status.PUBLISHED


def can_publish(user, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", _("Review overdue")), ("current", _("Reviewed recently"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "current":
            return queryset.exclude(pk__in=queryset.review_overdue().values("pk"))
        return queryset


class PublishingStateFilter(admin.SimpleListFilter):
    """Draft, scheduled (published with a publish time still to come) or on the site."""

    title = _("publishing")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "draft":
            return queryset.filter(status=Status.DRAFT)
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
        if self.value() == "published":
            return queryset.filter(status=Status.PUBLISHED, publish_at__lte=now)
        return queryset


class PublishingAdmin(VersionedAdminMixin, TranslationAdmin, CompareVersionAdmin):
    """Shared by every publishable model: who may publish, history, review, and the
    text in each language side by side (one field per language, next to each other; no tabs: their script
    comes from a CDN the CSP refuses)."""

    form = ProposingForm
    list_filter = (PublishingStateFilter, ReviewOverdueFilter)
    readonly_fields = ("publishing_state", "review_due", "created", "updated")
    actions = ["publish", "unpublish", "mark_reviewed"]
    publishing_fieldset = (
        _("Publishing and review"),
        {
            "fields": (
                "status",
                "publish_at",
                "publishing_state",
                "last_reviewed",
                "review_interval_days",
                "review_due",
            )
        },
    )

    @admin.display(description=_("state"), ordering="publish_at")
    def publishing_state(self, obj) -> str:
        return obj.publishing_state if obj is not None and obj.pk else "—"

    @admin.display(description=_("on the site"))
    def on_site(self, obj) -> str:
        label = _("view") if obj.is_live else _("preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    def has_publish_permission(self, request) -> bool:
        return can_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        if allowed and is_published(obj) and not self.has_publish_permission(request):
            # An Editor's change to a published page is kept as a proposal for review.
            return request.user.has_perm("interpolinfo.add_proposal")
        return allowed

    # Restoring an old version writes it into the page at once, so an Editor may not
    # restore one of a published page (that would publish it); they propose a change.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        current = self.get_object(request, unquote(object_id))
        if is_published(current) and not self.has_publish_permission(request):
            raise PermissionDenied
        if current is not None and not self.has_change_permission(request, current):
            raise PermissionDenied
        request.restoring_version = True
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        request.restoring_version = True
        return super().recover_view(request, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.proposes = self._proposes(request, change)
        return form

    def get_fieldsets(self, request, obj=None):
        (name, options), *rest = super().get_fieldsets(request, obj)
        if "proposal_version" in options["fields"]:
            return [(name, options), *rest]
        return [(name, {**options, "fields": [*options["fields"], "proposal_version"]}), *rest]

    def get_object(self, request, object_id, from_field=None):
        """For an Editor, the page as their open proposal has it: nothing typed is lost."""
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not self.has_publish_permission(request):
            proposal = proposal_of(obj)
            if proposal is not None:
                apply_values(obj, proposal.values)
        return obj

    def _proposes(self, request, change: bool) -> bool:
        """Whether this save keeps an Editor's change to a published page for review."""
        return (
            change
            and not getattr(request, "restoring_version", False)
            and not self.has_publish_permission(request)
        )

    def save_model(self, request, obj, form, change) -> None:
        if self._proposes(request, change):
            live = self.model._base_manager.get(pk=obj.pk)
            if is_published(live):
                request.proposal_kept = self._keep_proposal(request, obj, form, live)
                request.live_page_untouched = True
                return
        if not self.has_publish_permission(request):
            obj.status = Status.DRAFT
        super().save_model(request, obj, form, change)

    def _keep_proposal(self, request, obj, form, live):
        values = proposed_values(form=form, live=live)
        if not values:
            Proposal.objects.open().for_item(obj).delete()
            return None
        return keep_proposal(
            item=obj,
            values=values,
            base_version=form.cleaned_data.get("version") or live.version,
            author=request.user,
            submit=SUBMIT_FOR_REVIEW in request.POST,
            opened_at=form.cleaned_data.get("proposal_version"),
        )

    def save_related(self, request, form, formsets, change) -> None:
        if getattr(request, "live_page_untouched", False):
            return  # the live page, its related items and sources stay as they are
        super().save_related(request, form, formsets, change)
        obj = form.instance
        submit = SUBMIT_FOR_REVIEW in request.POST
        if not self.has_publish_permission(request) and (submit or proposal_of(obj)):
            # A draft: the row holds the text; the proposal asks for it to be published.
            request.proposal_kept = keep_proposal(
                item=obj,
                values={},
                base_version=obj.version,
                author=request.user,
                submit=submit,
                opened_at=form.cleaned_data.get("proposal_version"),
            )

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "live_page_untouched", False):
            return ""  # the inlines were not saved, so they have nothing to report
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "live_page_untouched", False):
            return None  # nothing was saved; the proposal is the record
        return super().log_change(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        self._say_what_became_of_the_proposal(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._say_what_became_of_the_proposal(request)
        if getattr(request, "live_page_untouched", False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def _say_what_became_of_the_proposal(self, request) -> None:
        if not hasattr(request, "proposal_kept"):
            return
        proposal = request.proposal_kept
        if proposal is None:
            message = _("Nothing differs from the live page, so no change was kept.")
        elif proposal.state == ProposalState.AWAITING_REVIEW:
            message = _(
                "Submitted for review. A Publisher will approve it or send it back with a "
                "comment; until then the live page stays as it is."
            )
        else:
            message = _(
                "Your change is kept as a proposal and the live page stays as it is. "
                "Submit it for review when it is ready."
            )
        self.message_user(request, message, messages.SUCCESS)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        proposal = proposal_of(obj) if obj is not None else None
        may_publish = self.has_publish_permission(request)
        context.update(
            proposal=proposal,
            proposing=not may_publish,
            live_page=is_published(obj),
            review_url=(
                reverse("admin:interpolinfo_proposal_change", args=[proposal.pk])
                if proposal is not None and may_publish
                else ""
            ),
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _save_each(self, request, queryset, comment: str, **changes) -> int:
        count = 0
        with create_revision():
            set_user(request.user)
            set_comment(comment)
            for obj in queryset:
                for name, value in changes.items():
                    setattr(obj, name, value)
                obj.save()
                count += 1
        return count

    @admin.action(permissions=["publish"], description=_("Publish the selected items"))
    def publish(self, request, queryset) -> None:
        count = self._save_each(request, queryset, "Published", status=Status.PUBLISHED)
        self.message_user(
            request,
            ngettext(
                "%(count)d item published (scheduled ones appear at their publish time).",
                "%(count)d items published (scheduled ones appear at their publish time).",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(permissions=["publish"], description=_("Return the selected items to draft"))
    def unpublish(self, request, queryset) -> None:
        count = self._save_each(request, queryset, "Returned to draft", status=Status.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d item is a draft again.", "%(count)d items are drafts again.", count)
            % {"count": count},
        )

    @admin.action(
        permissions=["publish"], description=_("Mark the selected items as reviewed today")
    )
    def mark_reviewed(self, request, queryset) -> None:
        count = self._save_each(
            request, queryset, "Marked as reviewed", last_reviewed=timezone.localdate()
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d item marked as reviewed.", "%(count)d items marked as reviewed.", count
            )
            % {"count": count},
        )


class SortablePublishingAdmin(SortableAdminMixin, PublishingAdmin):
    """Drag-and-drop ordering; the order is public, so only Publishers change it."""

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not self.has_publish_permission(request):
            self.enable_sorting = False
        return changelist

    def update_order(self, request):
        if not self.has_publish_permission(request):
            return HttpResponseForbidden(_("Only publishers can change the order."))
        # One revision for the whole move, so the history shows who reordered and when.
        with create_revision():
            set_user(request.user)
            set_comment("Reordered by drag and drop")
            return super().update_order(request)

    def _update_order(self, updated_items, extra_model_filters) -> int:
        # One save per item instead of bulk_update, so post_save fires and
        # anything listening (the page cache) learns that the order changed.
        queryset = self.model.objects.filter(**extra_model_filters)
        for pk, order in updated_items:
            obj = queryset.get(pk=pk)
            obj.order = order
            obj.save(update_fields=["order", "updated"])
        return len(updated_items)


class SourceFormSet(CustomInlineFormSet):
    """Sources off the official list: only a Publisher may add or change one."""

    may_link_unofficial = True

    def clean(self) -> None:
        super().clean()
        errors = unofficial_source_errors(self, allowed=self.may_link_unofficial)
        if errors:
            raise ValidationError(errors)


class SourceInline(AccessibleTabularInlineMixin, SortableTabularInline):
    formset = SourceFormSet
    extra = 1

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.may_link_unofficial = may_link_unofficial(request.user)
        return formset

    # A proposal holds the page's own fields; the sources of a published page stay
    # as they are until a Publisher changes them, so an Editor sees them read-only.
    def _may_edit_rows(self, request, obj) -> bool:
        return not is_published(obj) or can_publish(request.user, type(obj))

    def has_add_permission(self, request, obj=None) -> bool:
        return self._may_edit_rows(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may_edit_rows(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may_edit_rows(request, obj) and super().has_delete_permission(request, obj)


class ArticleSourceInline(SourceInline):
    model = ArticleSource


class CrimeAreaSourceInline(SourceInline):
    model = CrimeAreaSource


class ScamTypeSourceInline(SourceInline):
    model = ScamTypeSource


@admin.register(Topic)
class TopicAdmin(SortablePublishingAdmin):
    list_display = ("title", "slug", "publishing_state", "publish_at", "review_due", "on_site")
    search_fields = ("title", "summary")
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "meta_description")}),
        PublishingAdmin.publishing_fieldset,
        (_("Record"), {"fields": ("created", "updated")}),
    )


@admin.register(Article)
class ArticleAdmin(SortablePublishingAdmin):
    list_display = ("title", "topic", "publishing_state", "publish_at", "review_due", "on_site")
    list_filter = (PublishingStateFilter, "topic", ReviewOverdueFilter)
    list_select_related = ("topic",)
    search_fields = ("title", "summary", "body", "slug")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("related",)
    inlines = [ArticleSourceInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "topic", "summary", "body")}),
        (
            _("Links and search engines"),
            {"fields": ("related", "allow_unofficial_links", "meta_description")},
        ),
        PublishingAdmin.publishing_fieldset,
        (_("Record"), {"fields": ("created", "updated")}),
    )

    def get_urls(self):
        return [
            path(
                "needs-review/",
                self.admin_site.admin_view(self.needs_review_view),
                name="faq_needs_review",
            ),
            *super().get_urls(),
        ]

    def needs_review_view(self, request):
        """Everything whose review date has passed, oldest first."""
        context = {
            **self.admin_site.each_context(request),
            "title": _("Needs review"),
            "items": overdue_items(),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/faq/needs_review.html", context)


@admin.register(CrimeArea)
class CrimeAreaAdmin(SortablePublishingAdmin):
    list_display = ("title", "parent", "publishing_state", "publish_at", "review_due", "on_site")
    list_filter = (
        PublishingStateFilter,
        ("parent", admin.RelatedOnlyFieldListFilter),
        ReviewOverdueFilter,
    )
    list_select_related = ("parent",)
    search_fields = ("title", "summary", "interpol_role", "public_action")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [CrimeAreaSourceInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "parent", "summary")}),
        (
            _("Content"),
            {
                "fields": (
                    "interpol_role",
                    "public_action",
                    "allow_unofficial_links",
                    "meta_description",
                )
            },
        ),
        PublishingAdmin.publishing_fieldset,
        (_("Record"), {"fields": ("created", "updated")}),
    )


@admin.register(ScamType)
class ScamTypeAdmin(SortablePublishingAdmin):
    list_display = ("title", "publishing_state", "publish_at", "review_due", "on_site")
    search_fields = ("title", "summary", "how_it_works", "warning_signs", "what_to_do")
    prepopulated_fields = {"slug": ("title",)}
    inlines = [ScamTypeSourceInline]
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary")}),
        (
            _("Content"),
            {
                "fields": (
                    "how_it_works",
                    "warning_signs",
                    "what_to_do",
                    "if_already_paid",
                    "allow_unofficial_links",
                    "meta_description",
                )
            },
        ),
        PublishingAdmin.publishing_fieldset,
        (_("Record"), {"fields": ("created", "updated")}),
    )


@admin.register(OldSlug)
class OldSlugAdmin(admin.ModelAdmin):
    list_display = ("slug", "kind", "object_id", "created")
    list_filter = ("kind",)
    search_fields = ("slug",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Counts written by the site itself; staff read them, nobody edits them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ArticleFeedback)
class ArticleFeedbackAdmin(ReadOnlyAdmin):
    list_display = ("article", "date", "helpful", "not_helpful")
    list_filter = ("date",)
    list_select_related = ("article",)
    search_fields = ("article__title",)
    date_hierarchy = "date"
    change_list_template = "admin/faq/articlefeedback/change_list.html"

    def changelist_view(self, request, extra_context=None):
        since = timezone.localdate() - timedelta(days=LOG_REPORT_DAYS)
        totals = (
            ArticleFeedback.objects.filter(date__gte=since)
            .values("article__title")
            .annotate(yes=Sum("helpful"), no=Sum("not_helpful"))
            .order_by("-no", "-yes", "article__title")
        )
        extra_context = {
            **(extra_context or {}),
            "report_days": LOG_REPORT_DAYS,
            "article_totals": totals[:30],
        }
        return super().changelist_view(request, extra_context=extra_context)


class NoResultsFilter(admin.SimpleListFilter):
    title = _("results")
    parameter_name = "results"

    def lookups(self, request, model_admin):
        return [("none", _("No results")), ("some", _("Some results"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(result_count=0)
        if self.value() == "some":
            return queryset.filter(result_count__gt=0)
        return queryset


def _totals_by_query(logs):
    return logs.values("query").annotate(total=Sum("hits")).order_by("-total", "query")


@admin.register(SearchLog)
class SearchLogAdmin(ReadOnlyAdmin):
    list_display = ("query", "date", "hits", "result_count")
    list_filter = (NoResultsFilter, "date")
    search_fields = ("query",)
    date_hierarchy = "date"
    change_list_template = "admin/faq/searchlog/change_list.html"

    def changelist_view(self, request, extra_context=None):
        since = timezone.localdate() - timedelta(days=LOG_REPORT_DAYS)
        recent = SearchLog.objects.filter(date__gte=since)
        extra_context = {
            **(extra_context or {}),
            "report_days": LOG_REPORT_DAYS,
            "top_queries": _totals_by_query(recent)[:20],
            "zero_result_queries": _totals_by_query(recent.filter(result_count=0))[:20],
        }
        return super().changelist_view(request, extra_context=extra_context)


@admin.register(Synonym)
class SynonymAdmin(CompareVersionAdmin):
    """Words visitors type that the pages do not: both search engines use them at once."""

    list_display = ("phrase", "means", "language")
    list_filter = ("language",)
    search_fields = ("phrase", "means")
