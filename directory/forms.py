from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries


def country_choices() -> list[tuple[str, str]]:
    """Every country and territory, sorted by name in the page's language."""
    return [("", _("Not chosen")), *((code, str(name)) for code, name in countries)]


class CountryChoiceField(forms.ChoiceField):
    """A country code in any case, with stray spaces, as people type into addresses."""

    def to_python(self, value):
        return super().to_python(value).strip().upper()


class CountryForm(forms.Form):
    """The country step of a wizard result: a plain select, no JavaScript needed."""

    country = CountryChoiceField(
        label=_("Your country"),
        required=False,
        choices=country_choices,
        error_messages={"invalid_choice": _("Choose a country from the list, or leave it empty.")},
        help_text=_("Optional. It stays in the address of the pages that follow, nowhere else."),
    )
