"""A page as it would look with the text in an admin form, without saving anything.

The admin's change form posts itself (its Preview button has another
`formaction`) here; the form and its inlines are bound and validated exactly as
on save, applied to an in-memory copy of the item, and the public template of
that kind of page is rendered from the copy. Nothing is written: no `save()`,
no revision, no signal.
"""

from dataclasses import dataclass, field

from django.contrib.admin import ModelAdmin
from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from contact.flow import ANSWER_PARAM, OutcomeNode
from contact.models import Outcome
from directory.forms import CountryForm
from faq.models import Article, CrimeArea, ScamType, Topic
from interpolinfo.translations import render_each_language

# An unsaved item has no id; its related lists are filled from the form, never
# read from the database, so any id that no row has will do.
UNSAVED_ID = 0

PUBLIC_TEMPLATES: dict[type[Model], str] = {
    Topic: "faq/topic_detail.html",
    Article: "faq/article_detail.html",
    CrimeArea: "faq/crimearea_detail.html",
    ScamType: "faq/scamtype_detail.html",
    Outcome: "contact/result.html",
}


def is_previewable(model: type[Model]) -> bool:
    return model in PUBLIC_TEMPLATES


@dataclass
class Preview:
    """The public template and its context, or the errors that keep it from showing."""

    template: str = ""
    context: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def markdown_pairs(model: type[Model]) -> dict[str, str]:
    """Markdown source fields and the HTML fields the model renders them into on save
    ("body" -> "body_html"), read from the model so a new Markdown field needs nothing here."""
    names = {model_field.name for model_field in model._meta.fields}
    return {
        name.removesuffix("_html"): name
        for name in names
        if name.endswith("_html") and name.removesuffix("_html") in names
    }


def _form_errors(form, formsets) -> list[str]:
    errors = []
    for name, messages in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        errors += [f"{label}: {message}" if label else str(message) for message in messages]
    for formset in formsets:
        errors += [str(message) for message in formset.non_form_errors()]
        for form_errors in formset.errors:
            for messages in form_errors.values():
                errors += [str(message) for message in messages]
    return errors


def _inline_items(formset) -> list[Model]:
    """The rows an inline would keep on save, in their order, unsaved ones included."""
    kept = [
        form.instance
        for form in formset.forms
        if not formset._should_delete_form(form) and (form.instance.pk or form.has_changed())
    ]
    return sorted(kept, key=lambda row: getattr(row, "order", 0))


def bind(*, model_admin: ModelAdmin, request: HttpRequest, item: Model) -> Preview | None:
    """Apply the posted form and inlines to `item` in memory; a Preview with errors if invalid."""
    change = item.pk is not None
    form_class = model_admin.get_form(request, item if change else None, change=change)
    form = form_class(request.POST, request.FILES, instance=item)
    form_valid = form.is_valid()
    formsets, _inlines = model_admin._create_formsets(request, item, change=change)
    formsets_valid = all(formset.is_valid() for formset in formsets)
    if not (form_valid and formsets_valid):
        return Preview(errors=_form_errors(form, formsets))
    if not change:
        item.pk = UNSAVED_ID
    # Reverse relations (an article's sources) are read from this cache, never from the database.
    item._prefetched_objects_cache = {
        formset.fk.remote_field.cache_name: _inline_items(formset) for formset in formsets
    }
    render_each_language(item, markdown_pairs(type(item)))
    item.preview_form_data = form.cleaned_data
    return None


def knowledge_base_context(*, item: Model, user) -> dict:
    """What faq's detail views give their template, from the in-memory item."""
    crumbs = [(_("Home"), reverse("faq:home"))]
    context: dict = {}
    data = item.preview_form_data
    if isinstance(item, Article):
        related = data.get("related")
        item.published_related = list(related.filter(pk__in=Article.objects.published()))
        crumbs.append((item.topic.title, item.topic.get_absolute_url()))
        context["feedback_thanks"] = False
    elif isinstance(item, Topic):
        context["articles"] = list(
            Article.objects.visible_to(user).filter(topic_id=item.pk).order_by("order", "title")
        )
    elif isinstance(item, CrimeArea):
        item.published_sub_areas = list(CrimeArea.objects.published().filter(parent_id=item.pk))
        crumbs.append((_("Crime areas"), reverse("faq:crimearea_list")))
    elif isinstance(item, ScamType):
        crumbs.append((_("Scams"), reverse("faq:scamtype_list")))
    crumbs.append((item.title, ""))
    return {
        **context,
        "object": item,
        type(item)._meta.model_name: item,
        "page_title": item.title,
        "page_description": item.description,
        "crumbs": crumbs,
    }


def outcome_context(*, item: Outcome) -> dict:
    """What the wizard's result view gives its template, with no answers and no country."""
    channels = sorted(
        item.preview_form_data.get("channels") or [],
        key=lambda channel: (channel.kind, channel.name),
    )
    node = OutcomeNode(
        id=item.pk,
        slug=item.slug,
        title=item.title,
        channel_count=len(channels),
        no_channel_reason=item.no_channel_reason,
        summary=item.summary,
        body_html=item.body_html,
        urgency=item.urgency,
        country_kinds=tuple(item.country_kinds or ()),
    )
    return {
        "outcome": node,
        "channels": channels,
        "form": CountryForm(None),
        "place": None,
        "country_code": "",
        "answered": [],
        "answer_param": ANSWER_PARAM,
        "form_action": reverse("contact:result"),
        "start_url": reverse("contact:question"),
        "canonical_path": reverse("contact:result"),
    }


def build_preview(*, model_admin: ModelAdmin, request: HttpRequest, item: Model) -> Preview:
    """The page `item` would have with the posted form; call it in the preview's language."""
    refused = bind(model_admin=model_admin, request=request, item=item)
    if refused is not None:
        return refused
    if isinstance(item, Outcome):
        context = outcome_context(item=item)
    else:
        context = knowledge_base_context(item=item, user=request.user)
    return Preview(template=PUBLIC_TEMPLATES[type(item)], context=context)
