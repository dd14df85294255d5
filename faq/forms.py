from functools import cached_property

from crispy_forms.bootstrap import FieldWithButtons
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout
from django import forms
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from faq.models import Article
from faq.search import MAX_QUERY_CHARS
from interpolinfo.forms import submit_button


class SearchForm(forms.Form):
    """The search box (home, search and error pages): a GET to the search page.

    The search view reads `q` itself, since faq.search shortens a long query and
    says so rather than refusing it; this form only draws the box, showing what
    the visitor typed.
    """

    q = forms.CharField(
        label=_("Search the guide"),
        required=False,
        widget=forms.SearchInput(attrs={"maxlength": MAX_QUERY_CHARS}),
    )

    def __init__(self, *, query: str = "") -> None:
        super().__init__(initial={"q": query[:MAX_QUERY_CHARS]})

    @cached_property
    def helper(self) -> FormHelper:
        helper = FormHelper(self)
        helper.form_method = "get"
        helper.form_action = reverse("faq:search")
        helper.form_class = "search-form"
        helper.attrs = {"role": "search"}
        helper.layout = Layout(
            FieldWithButtons("q", submit_button(gettext("Search"), css_class="btn-primary"))
        )
        return helper


class FeedbackForm(forms.Form):
    """ "Was this page helpful?": each choice is a submit button carrying its value.

    It posts with no CSRF token (article pages set no cookie); faq.feedback
    checks where the request comes from instead.
    """

    helpful = forms.ChoiceField(
        label=_("Was this page helpful?"), choices=[("yes", _("Yes")), ("no", _("No"))]
    )

    def __init__(self, data=None, *, article: Article | None = None) -> None:
        super().__init__(data)
        self.article = article

    @property
    def is_helpful(self) -> bool:
        return self.cleaned_data["helpful"] == "yes"

    @cached_property
    def helper(self) -> FormHelper:
        helper = FormHelper(self)
        helper.form_method = "post"
        helper.form_action = reverse("faq:article_feedback", kwargs={"slug": self.article.slug})
        helper.disable_csrf = True
        field = self["helpful"]
        helper.layout = Layout(
            Div(
                *(
                    submit_button(
                        str(label),
                        css_class="btn-outline-primary",
                        name=field.html_name,
                        value=value,
                    )
                    for value, label in field.field.choices
                ),
                css_class="d-flex gap-2",
            )
        )
        return helper
