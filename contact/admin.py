"""Staff edit the whole flow here. Every change is checked against the graph rules
before it is saved, so the public wizard is never left broken by an edit."""

from collections.abc import Callable
from datetime import timedelta
from functools import partial

from adminsortable2.admin import CustomInlineFormSet, SortableAdminBase, SortableTabularInline
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from reversion.admin import VersionAdmin

from contact.flow import (
    ChoiceNode,
    FlowGraph,
    FlowIssue,
    OutcomeNode,
    QuestionNode,
    diagram,
    load_flow,
    new_errors,
    validate_flow,
    with_outcome,
    with_question,
)
from contact.flow.graphviz import flow_svg
from contact.models import COUNTRY_KIND_CHOICES, Channel, Choice, Outcome, OutcomeCount, Question
from interpolinfo.admin_a11y import AccessibleTabularInlineMixin
from interpolinfo.editing import LinkCheckedForm, VersionedAdminMixin, VersionedInlineMixin
from interpolinfo.protected import with_named_protected

# A new record has no id yet; ids are positive, so 0 cannot clash with a saved one.
UNSAVED_ID = 0


def breaking_errors(graph_after_edit: Callable[[FlowGraph], FlowGraph]) -> list[FlowIssue]:
    """Errors the edit would add to the flow as it is saved now."""
    before = load_flow()
    return new_errors(
        before=validate_flow(graph=before), after=validate_flow(graph=graph_after_edit(before))
    )


def refuse(errors: list[FlowIssue]) -> None:
    if errors:
        raise ValidationError(
            [_("This change would break the contact wizard, so it was not saved:")]
            + [issue.message for issue in errors]
        )


class BreakingRestore(Exception):
    def __init__(self, errors: list[FlowIssue]):
        super().__init__()
        self.errors = errors


def english(data: dict, name: str) -> str:
    """A translated field's English value from a form's cleaned data ("label" -> "label_en")."""
    return data.get(f"{name}_{settings.LANGUAGE_CODE}", data.get(name, "")) or ""


class FlowStatusMixin:
    """Shows the validation result of the whole flow on every change page."""

    change_form_template = "admin/contact/change_form.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "flow_report": validate_flow(graph=load_flow())}
        return super().changeform_view(request, object_id, form_url, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        view = partial(super().revision_view, request, object_id, version_id, extra_context)
        return self.restore_unless_breaking(request, view)

    def recover_view(self, request, version_id, extra_context=None):
        view = partial(super().recover_view, request, version_id, extra_context)
        return self.restore_unless_breaking(request, view)

    def restore_unless_breaking(
        self, request: HttpRequest, view: Callable[[], HttpResponse]
    ) -> HttpResponse:
        """Revert or recover, unless the result breaks the flow as it stands now.

        django-reversion writes the old version before the form is checked, so the
        form's own check would take the old version as "before" and let it through.
        """
        if request.method != "POST":
            return view()
        before = validate_flow(graph=load_flow())
        try:
            with transaction.atomic():
                response = view()
                if response.status_code == 302:
                    errors = new_errors(before=before, after=validate_flow(graph=load_flow()))
                    if errors:
                        raise BreakingRestore(errors)
        except BreakingRestore as refused:
            for message in [
                _("Restoring this version would break the contact wizard, so it was not saved:"),
                *(issue.message for issue in refused.errors),
            ]:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())
        return response

    def get_actions(self, request):
        # Bulk deletion would skip the per-record checks that keep the flow whole.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class VerificationDueFilter(admin.SimpleListFilter):
    title = _("verification by a person")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("due", _("Due: never, or over a year ago")), ("recent", _("Verified this year"))]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - timedelta(days=settings.CONTACT_VERIFY_EVERY_DAYS)
        due = Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff)
        if self.value() == "due":
            return queryset.filter(due)
        if self.value() == "recent":
            return queryset.exclude(due)
        return queryset


class VerificationFlag:
    @admin.display(boolean=True, description=_("verified this year"))
    def verified_recently(self, obj) -> bool:
        return not obj.verification_overdue

    @admin.action(description=_("Mark as checked by a person today"))
    def mark_verified_today(self, request, queryset):
        updated = queryset.update(last_verified=timezone.localdate())
        self.message_user(request, _("%(n)d record(s) marked as verified today.") % {"n": updated})


class ChoiceInlineFormSet(CustomInlineFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        question = self.instance
        question_id = question.pk or UNSAVED_ID
        choices = []
        for position, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None)
            if not data or (self.can_delete and self._should_delete_form(form)):
                continue
            next_question, outcome = data.get("next_question"), data.get("outcome")
            choices.append(
                ChoiceNode(
                    id=form.instance.pk or -(position + 1),
                    slug=data["slug"],
                    label=english(data, "label"),
                    question_id=question_id,
                    next_question_id=next_question.pk if next_question else None,
                    outcome_id=outcome.pk if outcome else None,
                )
            )
        edited = QuestionNode(
            id=question_id,
            slug=question.slug,
            text=question.text,
            choices=tuple(choices),
            hint=question.hint,
            is_start=question.is_start,
        )
        refuse(breaking_errors(lambda graph: with_question(graph=graph, question=edited)))


class ChoiceInline(
    AccessibleTabularInlineMixin,
    VersionedInlineMixin,
    SortableTabularInline,
    TranslationTabularInline,
):
    model = Choice
    formset = ChoiceInlineFormSet
    fk_name = "question"
    fields = ["label", "slug", "hint", "next_question", "outcome", "order"]
    prepopulated_fields = {"slug": ["label"]}
    extra = 1
    verbose_name = _("answer")
    verbose_name_plural = _("answers (each leads to a next question or an outcome)")


@admin.register(Question)
class QuestionAdmin(
    VersionedAdminMixin, FlowStatusMixin, SortableAdminBase, TranslationAdmin, VersionAdmin
):
    inlines = [ChoiceInline]
    change_list_template = "admin/contact/question/change_list.html"
    list_display = ["text", "slug", "is_start", "answer_count"]
    search_fields = ["text", "slug"]
    prepopulated_fields = {"slug": ["text"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answers=Count("choices"))

    @admin.display(description=_("answers"), ordering="answers")
    def answer_count(self, obj) -> int:
        return obj.answers

    def has_delete_permission(self, request, obj=None) -> bool:
        # Without its first question the wizard cannot run.
        if obj is not None and obj.is_start:
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if obj.is_start:
            Question.objects.filter(is_start=True).exclude(pk=obj.pk).update(is_start=False)
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [
            path(
                "diagram/",
                self.admin_site.admin_view(self.diagram_view),
                name="contact_flow_diagram",
            ),
            *super().get_urls(),
        ]

    def diagram_view(self, request: HttpRequest) -> HttpResponse:
        graph = load_flow()
        context = {
            **self.admin_site.each_context(request),
            "title": _("Contact-route flow"),
            "opts": self.model._meta,
            "tree": diagram(graph=graph),
            "graph_svg": flow_svg(graph=graph),
            "flow_report": validate_flow(graph=graph),
        }
        return TemplateResponse(request, "admin/contact/flow_diagram.html", context)

    def get_deleted_objects(self, objs, request):
        # Django lists a protecting answer as "choice: Yes"; name its question, with a link.
        found = super().get_deleted_objects(objs, request)
        return with_named_protected(found, objs, using=router.db_for_write(self.model))


class OutcomeForm(LinkCheckedForm):
    country_kinds = forms.TypedMultipleChoiceField(
        label=_("National contacts shown"),
        choices=COUNTRY_KIND_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "What this result offers from the visitor's country. A scam: fraud, cybercrime "
            "and scam texts; a missing person: police and consular help. None: no country choice."
        ),
    )

    class Meta:
        model = Outcome
        fields = [
            "title",
            "slug",
            "urgency",
            "summary",
            "body",
            "allow_unofficial_links",
            "channels",
            "no_channel_reason",
            "country_kinds",
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        outcome = self.instance
        edited = OutcomeNode(
            id=outcome.pk or UNSAVED_ID,
            slug=data.get("slug", ""),
            title=english(data, "title"),
            channel_count=len(data.get("channels") or []),
            no_channel_reason=english(data, "no_channel_reason"),
        )
        refuse(breaking_errors(lambda graph: with_outcome(graph=graph, outcome=edited)))
        return data


@admin.register(Outcome)
class OutcomeAdmin(VersionedAdminMixin, FlowStatusMixin, TranslationAdmin, VersionAdmin):
    form = OutcomeForm
    list_display = ["title", "urgency", "channel_count", "visits_30_days", "visits_total"]
    list_filter = ["urgency"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["channels"]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "urgency", "summary", "body", "allow_unofficial_links"]},
        ),
        (
            _("Where to go"),
            {"fields": ["channels", "no_channel_reason", "country_kinds"]},
        ),
    ]

    def get_queryset(self, request):
        # Subqueries, so joining the channels cannot multiply the visitor sums.
        since = timezone.localdate() - timedelta(days=30)
        counts = OutcomeCount.objects.filter(outcome=OuterRef("pk")).values("outcome")
        return (
            super()
            .get_queryset(request)
            .annotate(
                channel_total=Count("channels"),
                visits_recent=Subquery(
                    counts.filter(day__gte=since).annotate(total=Sum("count")).values("total")
                ),
                visits_all=Subquery(counts.annotate(total=Sum("count")).values("total")),
            )
        )

    @admin.display(description=_("channels"), ordering="channel_total")
    def channel_count(self, obj) -> int:
        return obj.channel_total

    @admin.display(description=_("visitors, last 30 days"), ordering="visits_recent")
    def visits_30_days(self, obj) -> int:
        return obj.visits_recent or 0

    @admin.display(description=_("visitors, all time"), ordering="visits_all")
    def visits_total(self, obj) -> int:
        return obj.visits_all or 0

    def get_deleted_objects(self, objs, request):
        # Django lists a protecting answer as "choice: Yes"; name its question, with a link.
        found = super().get_deleted_objects(objs, request)
        return with_named_protected(found, objs, using=router.db_for_write(self.model))


@admin.register(Channel)
class ChannelAdmin(
    VersionedAdminMixin, FlowStatusMixin, VerificationFlag, TranslationAdmin, VersionAdmin
):
    list_display = [
        "name",
        "kind",
        "link",
        "last_verified",
        "verified_recently",
        "last_check_status",
        "last_checked_at",
    ]
    list_filter = [VerificationDueFilter, "kind"]
    search_fields = ["name", "slug", "url", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["last_checked_at", "last_check_status", "last_check_error"]
    actions = ["mark_verified_today"]

    @admin.display(description=_("official address"), ordering="url")
    def link(self, obj) -> str:
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', obj.url, obj.url)

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting an outcome's only channel would leave visitors with nowhere to go.
        if obj is not None and (
            # Count all of an outcome's channels before narrowing to this one.
            Outcome.objects.annotate(total=Count("channels"))
            .filter(total=1, channels=obj, no_channel_reason="")
            .exists()
        ):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(OutcomeCount)
class OutcomeCountAdmin(admin.ModelAdmin):
    """Read-only: the counts are written only by the wizard."""

    list_display = ["day", "outcome", "count"]
    list_filter = ["outcome"]
    date_hierarchy = "day"
    list_select_related = ["outcome"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
