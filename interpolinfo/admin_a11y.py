"""Accessible names for the controls Django's admin draws without one (issue 15:
axe shows no serious or critical violation on the admin pages staff use).

- the split date and time widget: one <label> for two inputs, so each input gets
  its own name ("Publish at: Date", "Publish at: Time");
- tabular inlines: a column heading is not a label, so each input of a row is
  named after its column;
- select2's search box (autocomplete_fields): named after its field by a small
  script; its "clear all" cross, a <span> inside the list of choices, is left out
  (each chosen item keeps its own cross).
"""

from django import forms
from django.contrib.admin import widgets
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def _name(field_label, part) -> str:
    return _("%(field)s: %(part)s") % {"field": field_label, "part": part}


def label_split_datetime(formfield) -> None:
    widget = getattr(formfield, "widget", None)
    if isinstance(widget, forms.SplitDateTimeWidget):
        date, time = widget.widgets
        date.attrs["aria-label"] = _name(formfield.label, _("Date"))
        time.attrs["aria-label"] = _name(formfield.label, _("Time"))


class LabelledAutocompleteMixin:
    """Django's autocomplete widget, with a name for select2's search box."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-search-label"] = _name(capfirst(self.field.verbose_name), _("Search"))
        if self.allow_multiple_selected:
            attrs["data-allow-clear"] = "false"
        return attrs

    @property
    def media(self):
        # Naming autocomplete.js too keeps the script after it once all media are merged.
        after = ["admin/js/autocomplete.js", "interpolinfo/admin-autocomplete.js"]
        return super().media + forms.Media(js=after)


class LabelledAutocompleteSelect(LabelledAutocompleteMixin, widgets.AutocompleteSelect):
    pass


class LabelledAutocompleteSelectMultiple(
    LabelledAutocompleteMixin, widgets.AutocompleteSelectMultiple
):
    pass


class AccessibleFormMixin:
    """For a ModelAdmin: every split date and time input and select2 search named."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            label_split_datetime(formfield)
        return formfield

    def _labelled_autocomplete(self, db_field, request, kwargs, widget_class) -> None:
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = widget_class(db_field, self.admin_site, using=kwargs.get("using"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self._labelled_autocomplete(db_field, request, kwargs, LabelledAutocompleteSelect)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self._labelled_autocomplete(db_field, request, kwargs, LabelledAutocompleteSelectMultiple)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class AccessibleTabularInlineMixin(AccessibleFormMixin):
    """For a TabularInline: each input of a row is named after its column."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    widget = field.widget
                    # The "add another" wrapper: the <select> is its inner widget's.
                    while isinstance(widget, widgets.RelatedFieldWidgetWrapper):
                        widget = widget.widget
                    if not widget.is_hidden and field.label:
                        widget.attrs.setdefault("aria-label", str(field.label))

        LabelledFormSet.__name__ = formset.__name__
        return LabelledFormSet
