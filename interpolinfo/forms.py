"""Pieces every form shares, and the staff sign-in forms (public forms live in their app's forms.py)."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _


def submit_button(label: str, *, css_class: str, **attrs: str) -> StrictButton:
    """A `<button type="submit">` for a FormHelper's layout, named only when `attrs` says so.

    crispy's `Submit` is an `<input>` that always has a name, which would add
    "submit=…" to a GET form's address. `label` is translated text: crispy
    renders a button's content unescaped, so it is escaped here.
    """
    return StrictButton(escape(label), css_class=css_class, type="submit", **attrs)


class SecondFactorForm(forms.Form):
    """One code: six digits from the authenticator app, or a backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, submit_label: str, help_text: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = help_text
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("verify", submit_label))

    def clean_code(self) -> str:
        """Codes are often copied with spaces or typed in capitals; neither matters."""
        return "".join(self.cleaned_data["code"].split()).lower()


class ConfirmForm(forms.Form):
    """A single button for an action that changes something, so it is a POST."""

    def __init__(self, *args, submit_label: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.add_input(Submit("confirm", submit_label))
