"""The wizard's two forms: a question's answers, and the country on a result.

Both are GET forms. The answers given so far travel in the query string ("a"),
never in a cookie, so each form carries them forward in hidden fields that the
server fills in; the field names below are the query string's names.
"""

from collections.abc import Sequence
from functools import cached_property

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from contact.flow import ANSWER_PARAM, QuestionNode
from directory.forms import CountryForm
from interpolinfo.forms import submit_button

QUESTION_PARAM = "q"  # hidden: the question a submitted answer belongs to
CHOICE_PARAM = "answer"  # the radio button of the current question
COUNTRY_PARAM = "country"


class CarriedField(forms.Field):
    """State the page carries forward in the query string, always rendered from the
    value the server gives it (never echoed from the request) and not validated
    here: the views read it through contact.flow and directory.lookup."""

    def __init__(self, *, many: bool = False) -> None:
        widget = forms.MultipleHiddenInput if many else forms.HiddenInput
        # Nothing labels a hidden input, so it gets no id (False leaves the attribute out).
        super().__init__(required=False, widget=widget(attrs={"id": False}))

    def bound_data(self, data, initial):
        return initial


class AnswerRadioSelect(forms.RadioSelect):
    """Radio buttons with ids made from the answers' slugs ("answer-money", so links
    to an answer survive reordering) and an optional hint under each answer, tied to
    its radio by aria-describedby (rendered by templates/bootstrap5/layout/radio_checkbox_select.html).
    """

    def __init__(self, *, hints: dict[str, str]) -> None:
        super().__init__()
        self.hints = hints

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if attrs and attrs.get("id"):
            option["attrs"]["id"] = f"{attrs['id']}-{value}"
            if self.hints.get(value):
                option["hint"] = self.hints[value]
                option["hint_id"] = f"{option['attrs']['id']}-hint"
                option["attrs"]["aria-describedby"] = option["hint_id"]
        return option

    def value_from_datadict(self, data, files, name):
        """The one answer sent. Several answers to one question come only from an
        address made by hand: they become a value no choice has (slugs have no spaces)."""
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        if len(values) > 1:
            return " ".join(values) if any(values) else None
        return values[0] if values else None


class QuestionForm(forms.Form):
    """One question of the wizard: its answers as a radio group whose legend is the page's h1."""

    # The form is `novalidate` and the view explains a missing answer itself.
    use_required_attribute = False

    def __init__(
        self,
        data=None,
        *,
        question: QuestionNode,
        answers: Sequence[str],
        country: str = "",
        selected: str = "",
    ) -> None:
        # ids are the field names ("answer-money", "answer_helptext"), as before crispy.
        super().__init__(
            data,
            auto_id="%s",
            initial={
                ANSWER_PARAM: answers,
                QUESTION_PARAM: question.slug,
                COUNTRY_PARAM: country,
                CHOICE_PARAM: selected,
            },
        )
        self.fields[ANSWER_PARAM] = CarriedField(many=True)
        self.fields[QUESTION_PARAM] = CarriedField()
        if country:
            self.fields[COUNTRY_PARAM] = CarriedField()
        self.fields[CHOICE_PARAM] = forms.ChoiceField(
            label=question.text,
            # help_text is HTML to Django and crispy; a question's hint is staff's plain text.
            help_text=conditional_escape(question.hint),
            widget=AnswerRadioSelect(hints={c.slug: c.hint for c in question.choices}),
            choices=[(choice.slug, choice.label) for choice in question.choices],
            error_messages={
                "required": _("Choose one of the answers to continue."),
                "invalid_choice": _(
                    "That answer is not one of the choices. Choose one of the answers below."
                ),
            },
        )

    @cached_property
    def helper(self) -> FormHelper:
        helper = FormHelper(self)
        helper.form_method = "get"
        helper.form_action = reverse("contact:question")
        helper.attrs = {"novalidate": True}
        helper.legend_as_page_heading = True  # read by templates/bootstrap5/field.html
        helper.layout = Layout(
            *(
                name
                for name in (ANSWER_PARAM, QUESTION_PARAM, COUNTRY_PARAM)
                if name in self.fields
            ),
            Field(CHOICE_PARAM, wrapper_class="mb-4"),
            submit_button(gettext("Continue"), css_class="btn-primary btn-lg"),
        )
        return helper


class ResultCountryForm(CountryForm):
    """The country select on a result page, sent with the answers that led there."""

    def __init__(self, data=None, *, answers: Sequence[str]) -> None:
        super().__init__(data, initial={ANSWER_PARAM: answers})
        self.fields[ANSWER_PARAM] = CarriedField(many=True)

    @cached_property
    def helper(self) -> FormHelper:
        chosen = self.is_bound and self.is_valid() and bool(self.cleaned_data[COUNTRY_PARAM])
        helper = FormHelper(self)
        helper.form_method = "get"
        helper.form_action = reverse("contact:result")
        helper.form_class = "no-print country-form"
        # Read by directory/static/directory/country-finder.js, which adds a name box.
        helper.attrs = {
            "novalidate": True,
            "data-finder-label": _("Find your country by name"),
            "data-finder-found": _("Selected:"),
            "data-finder-none": _("No country matches yet"),
        }
        helper.layout = Layout(
            ANSWER_PARAM,
            COUNTRY_PARAM,
            submit_button(
                gettext("Change country") if chosen else gettext("Show contacts"),
                css_class="btn-outline-primary",
            ),
        )
        return helper
