"""What every staff edit form shares: no lost edits, and links checked.

- Optimistic locking: the form carries the version it was opened at (a hidden
  field). If someone saved since, the save is refused with both values of
  every field that differs side by side, and everything typed stays in the
  form; saving again then knowingly replaces their version. The model's own
  save (interpolinfo.models.Versioned) refuses a version that changed between
  the check and the write, and the admin then shows the same comparison.
- Links to sites that are not official: only Publishers (or superusers) may
  tick "link to sites that are not official" or add such a link.
"""

from collections.abc import Iterable

from django import forms
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.query import QuerySet
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from interpolinfo.admin_a11y import AccessibleFormMixin
from interpolinfo.links import LinkKind, classify_link, links_of_kind
from interpolinfo.models import EditConflict, LinkChecked
from interpolinfo.translations import language_codes

PUBLISHERS_GROUP = "Publishers"


def may_link_unofficial(user) -> bool:
    """Publishers and superusers may allow links to sites that are not official."""
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=PUBLISHERS_GROUP).exists()
    )


def _comparable(value):
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, QuerySet | list | tuple):
        return sorted(_comparable(item) for item in value)
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return value


def _shown(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, QuerySet | list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    return str(value)


def with_newlines(data):
    """Form data with every line ending (CR LF, lone CR) turned into LF."""
    if hasattr(data, "setlist"):  # a QueryDict: keep every value of repeated keys
        data = data.copy()
        for key, values in list(data.lists()):
            data.setlist(key, [_newlines(value) for value in values])
        return data
    return {key: _newlines(value) for key, value in data.items()}


def _newlines(value):
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def saved_value(instance: models.Model, field: models.Field):
    """What `instance` holds for `field`: related items as objects, a many-to-many as a list."""
    if field.many_to_many:
        return list(getattr(instance, field.name).all())
    if field.is_relation:
        return getattr(instance, field.name)
    return getattr(instance, field.attname)


def differences(pairs: Iterable[tuple[str, object, object]]) -> list[tuple[str, str, str]]:
    """(label, first shown, second shown) for each labelled pair of values that differ."""
    return [
        (label, _shown(first), _shown(second))
        for label, first, second in pairs
        if _comparable(first) != _comparable(second)
    ]


def comparison_table(rows: list[tuple[str, str, str]], *, headings: tuple[str, str]) -> SafeString:
    """A field-by-field table of two versions (the edit conflict's, the review page's)."""
    body = format_html_join("", "<tr><th scope='row'>{}</th><td>{}</td><td>{}</td></tr>", rows)
    return format_html(
        "<table class='edit-conflict'><thead><tr><th scope='col'>{}</th>"
        "<th scope='col'>{}</th><th scope='col'>{}</th></tr></thead><tbody>{}</tbody></table>",
        gettext("Field"),
        *headings,
        body,
    )


class VersionField(forms.IntegerField):
    """The version a form was opened at: bookkeeping, never a change ("Changed Version")."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


class VersionedModelForm(forms.ModelForm):
    """A ModelForm for a `Versioned` model that refuses to save over a newer version."""

    version = VersionField(required=False, min_value=0)
    # Set (by the admin) while a revision page restores an old version: the version
    # the record had before the restore, which is what the page was opened at.
    version_before_restore: int | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            # Browsers end a text area's lines with CR LF; what is stored has LF, so
            # without this every resave reads as "Changed Body" in the history.
            self.data = with_newlines(self.data)
        self.conflicts: list[tuple[str, str, str]] = []
        if self.version_before_restore is not None:
            self.initial["version"] = self.version_before_restore
        elif self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)

    def clean(self):
        data = super().clean()
        opened_at = data.get("version")
        # At this point the instance still holds what is saved now.
        current = self.instance.version
        if self.version_before_restore is not None:
            current = self.version_before_restore
        if self.instance.pk is not None and opened_at not in (None, current):
            self._refuse(saved=self.instance)
        return data

    def _post_clean(self) -> None:
        super()._post_clean()
        opened_at = self.cleaned_data.get("version")
        restoring = self.version_before_restore is not None
        if opened_at is not None and self.instance.pk is not None and not restoring:
            # The save claims the version the editor saw, not the one read for this request.
            # (A restore has just written the record in this request: it claims that.)
            self.instance.version = opened_at

    def _refuse(self, *, saved: models.Model) -> None:
        pairs = []
        for name, form_field in self.fields.items():
            if name == "version" or name not in self.cleaned_data:
                continue
            try:
                model_field = saved._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            label = str(form_field.label or model_field.verbose_name)
            pairs.append((label, saved_value(saved, model_field), self.cleaned_data[name]))
        self.conflicts = differences(pairs)
        # Saving again from this page knowingly replaces the other version.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = saved.version
        raise ValidationError(self._conflict_message(), code="edit_conflict")

    def _conflict_message(self):
        intro = gettext(
            "Someone else saved this since you opened it, so your changes were not saved. "
            "Nothing you typed is lost: compare below, then save again to replace their "
            "version with yours."
        )
        if not self.conflicts:
            return intro
        table = comparison_table(
            self.conflicts,
            headings=(gettext("Saved by the other person"), gettext("Yours, not saved")),
        )
        return format_html("{}{}", intro, table)


class LinkCheckedForm(VersionedModelForm):
    """Also refuses new links to unofficial sites from someone who may not allow them."""

    may_link_unofficial = True

    def clean(self):
        data = super().clean()
        model = self._meta.model
        if self.may_link_unofficial or not issubclass(model, LinkChecked):
            return data
        texts = [
            data.get(f"{name}_{code}") or ""
            for name in model.markdown_fields
            for code in language_codes()
        ]
        before = set(self.instance.unofficial_links()) if self.instance.pk else set()
        new = [url for url in links_of_kind(texts, LinkKind.UNOFFICIAL) if url not in before]
        if new:
            raise ValidationError(
                _(
                    "Only a Publisher can add a link to a site that is not official: "
                    "%(urls)s. Use an official address, or ask a Publisher."
                ),
                code="unofficial_not_allowed",
                params={"urls": ", ".join(new)},
            )
        return data


class VersionedAdminMixin(AccessibleFormMixin):
    """For the ModelAdmin of a `Versioned` (and perhaps `LinkChecked`) model; its
    split date and time inputs and select2 search boxes have accessible names."""

    form = LinkCheckedForm
    # The version number changes on every save; comparing it tells staff nothing.
    compare_exclude = ["version"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.may_link_unofficial = may_link_unofficial(request.user)
        form.version_before_restore = getattr(request, "version_before_restore", None)
        return form

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # django-reversion writes the old version into the record before the form is
        # built (and, to show the page, without signals, keeping its old number), so
        # the form is told the version the record has now.
        request.version_before_restore = (
            self.model._base_manager.filter(pk=unquote(object_id))
            .values_list("version", flat=True)
            .first()
        )
        return super().revision_view(request, object_id, version_id, extra_context)

    def get_exclude(self, request, obj=None):
        # The form declares `version` itself; as a model field it is not editable.
        return [*(super().get_exclude(request, obj) or []), "version"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if "version" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if issubclass(self.model, LinkChecked) and not may_link_unofficial(request.user):
            fields.append("allow_unofficial_links")
        return fields

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except EditConflict:
            # Someone saved between this form's check and its write; everything was
            # rolled back. Checked again, the form now shows the comparison.
            return super().changeform_view(request, object_id, form_url, extra_context)


class VersionedInlineMixin:
    """For an inline of a `Versioned` model: its rows carry their version too."""

    form = VersionedModelForm

    def get_exclude(self, request, obj=None):
        return [*(super().get_exclude(request, obj) or []), "version"]

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if "version" in fields else [*fields, "version"]


def unofficial_source_errors(formset, *, allowed: bool) -> list[ValidationError]:
    """New or changed sources off the official list, from someone who may not allow them."""
    errors = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        url = data.get("url")
        if not url or data.get("DELETE") or "url" not in form.changed_data:
            continue
        if classify_link(url) != LinkKind.OFFICIAL and not allowed:
            errors.append(
                ValidationError(
                    _("Only a Publisher can list a source that is not official: %(url)s."),
                    code="unofficial_not_allowed",
                    params={"url": url},
                )
            )
    return errors
