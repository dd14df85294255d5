"""Pieces every form shares, and the staff sign-in forms (public forms live in their app's forms.py)."""

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.db import models
from django.utils import timezone
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


class Decision(models.TextChoices):
    PUBLISH_NOW = "publish", _("Approve and publish now")
    SCHEDULE = "schedule", _("Approve and publish at this time")
    SEND_BACK = "send_back", _("Send back to the editor")


class ReviewForm(forms.Form):
    """One of a reviewer's three decisions on a proposed change, each its own small form.

    It carries the versions of the page and of the proposal the reviewer read, so
    a decision is never taken on text that changed in between.
    """

    decision = forms.ChoiceField(choices=Decision.choices, widget=forms.HiddenInput)
    item_version = forms.IntegerField(widget=forms.HiddenInput)
    proposal_version = forms.IntegerField(widget=forms.HiddenInput)
    publish_at = forms.DateTimeField(
        label=_("Publish at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Your local time. The change goes live at this moment."),
    )
    comment = forms.CharField(
        label=_("Comment for the editor"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what to change; the editor sees it when they open the page."),
    )

    FIELDS = {
        Decision.PUBLISH_NOW: (),
        Decision.SCHEDULE: ("publish_at",),
        Decision.SEND_BACK: ("comment",),
    }

    def __init__(self, *args, decision: str, **kwargs) -> None:
        super().__init__(*args, auto_id=f"id_{decision}_%s", **kwargs)
        self.initial = {**self.initial, "decision": decision}
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.layout = Layout(
            "decision",
            "item_version",
            "proposal_version",
            *self.FIELDS.get(decision, ()),
            submit_button(Decision(decision).label, css_class="default"),
        )

    def clean(self):
        data = super().clean()
        if {"decision", "item_version", "proposal_version"} & set(self.errors):
            # Hidden fields: only an altered or truncated page sends them wrong.
            self.add_error(None, _("This form was incomplete. Open the review again."))
        decision = data.get("decision")
        if decision == Decision.SCHEDULE:
            when = data.get("publish_at")
            if when is None:
                self.add_error("publish_at", _("Choose when the change goes live."))
            elif when <= timezone.now():
                self.add_error("publish_at", _("Choose a time in the future."))
        if decision == Decision.SEND_BACK:
            data["comment"] = (data.get("comment") or "").strip()
            if not data["comment"]:
                self.add_error("comment", _("Say what the editor should change."))
        return data
