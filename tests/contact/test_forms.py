"""The wizard's forms, rendered by crispy as the pages render them: ids, names, hints and
errors all come from the Form classes, and nothing the visitor sends is echoed back."""

from django.http import QueryDict
from django.template import Context, Template

from contact.flow import ChoiceNode, QuestionNode
from contact.forms import QuestionForm, ResultCountryForm

QUESTION = QuestionNode(
    id=1,
    slug="message-asks",
    text="What does the message want from you?",
    hint="Choose the first that fits.",
    choices=(
        ChoiceNode(1, "money", "Money or my details", 1, None, 1, hint="A fine or a fee."),
        ChoiceNode(2, "not-sure", "I am not sure", 1, None, 2),
    ),
)


def crispy(form) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def question_form(query: str | None = None, **kwargs) -> QuestionForm:
    data = QueryDict(query) if query is not None else None
    return QuestionForm(data, question=QUESTION, answers=["message"], **kwargs)


def test_a_question_is_a_radio_group_whose_legend_is_the_page_heading():
    form = question_form()
    html = crispy(form)
    answer = form["answer"]
    assert answer.aria_describedby == "answer_helptext"
    assert '<fieldset id="div_answer" class="mb-4" aria-describedby="answer_helptext">' in html
    assert f'<legend><h1 class="h2">{QUESTION.text}</h1></legend>' in html
    assert '<p id="answer_helptext" class="form-text fs-6">Choose the first that fits.</p>' in html
    assert html.index("answer_helptext") < html.index('type="radio"')


def test_each_answer_has_an_id_from_its_slug_and_its_hint_is_tied_to_it():
    form = question_form()
    html = crispy(form)
    first, second = form["answer"].subwidgets
    assert (first.id_for_label, second.id_for_label) == ("answer-money", "answer-not-sure")
    assert (
        '<input class="form-check-input" type="radio" name="answer" id="answer-money" '
        'value="money" aria-describedby="answer-money-hint">'
    ) in html
    assert '<div class="form-text" id="answer-money-hint">A fine or a fee.</div>' in html
    assert 'id="answer-not-sure" value="not-sure">' in html  # no hint, no aria-describedby


def test_the_answers_so_far_and_the_question_travel_in_hidden_fields_without_ids():
    html = crispy(question_form(country="AU"))
    assert (
        '<form method="get" action="/en/contact/q/" novalidate> '
        '<input type="hidden" name="a" value="message"> '
        '<input type="hidden" name="q" value="message-asks"> '
        '<input type="hidden" name="country" value="AU">'
    ) in html
    assert 'name="country"' not in crispy(question_form())
    assert "required" not in html  # the form is novalidate: the server explains


def test_a_change_link_shows_the_old_answer_selected():
    html = crispy(question_form(selected="money"))
    assert 'id="answer-money" value="money" checked aria-describedby' in html


def test_the_continue_button_adds_nothing_to_the_query_string():
    html = crispy(question_form())
    assert 'class="btn btn-primary btn-lg" type="submit">Continue</button>' in html
    assert 'name="submit"' not in html


def test_a_missing_answer_is_an_error_between_the_hint_and_the_answers():
    form = question_form("a=message&q=message-asks")
    assert not form.is_valid()
    assert form.errors["answer"] == ["Choose one of the answers to continue."]
    html = crispy(form)
    assert 'aria-describedby="answer_helptext answer_error"' in html
    assert (
        '<div id="answer_error" class="invalid-feedback d-block"> <p class="fw-bold">'
        '<span class="visually-hidden">Error:</span> Choose one of the answers to continue.</p>'
    ) in html
    assert html.index('answer_helptext"') < html.index('id="answer_error"') < html.index("radio")
    assert 'class="form-check-input is-invalid"' in html


def test_an_unknown_answer_or_two_answers_are_not_one_of_the_choices():
    for query in ("answer=<script>", "answer=money&answer=not-sure", "answer=&answer=money"):
        form = question_form(f"q=message-asks&{query}")
        assert form.errors["answer"] == [
            "That answer is not one of the choices. Choose one of the answers below."
        ], query
        assert "checked" not in crispy(form)
    assert question_form("q=message-asks&answer=&answer=").errors["answer"] == [
        "Choose one of the answers to continue."
    ]


def test_one_answer_is_valid():
    form = question_form("a=message&q=message-asks&answer=money")
    assert form.is_valid()
    assert form.cleaned_data["answer"] == "money"


def test_hidden_fields_show_what_the_server_read_not_what_was_sent():
    form = question_form("a=evil&q=other&country=%3Cb%3E", country="AU")
    html = crispy(form)
    assert 'name="a" value="message"' in html
    assert 'name="q" value="message-asks"' in html
    assert 'name="country" value="AU"' in html
    assert "evil" not in html and "&lt;b&gt;" not in html


def test_staff_text_in_hints_and_labels_is_escaped():
    question = QuestionNode(
        id=2,
        slug="odd",
        text="<i>Which</i>?",
        hint="<b>bold</b>",
        choices=(ChoiceNode(3, "x", "<u>X</u>", 2, None, 1, hint="<s>no</s>"),),
    )
    html = crispy(QuestionForm(question=question, answers=[]))
    assert "<i>" not in html and "<b>" not in html and "<u>" not in html and "<s>" not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html
    assert "&lt;s&gt;no&lt;/s&gt;" in html


def test_the_country_form_draws_its_select_from_the_form_with_the_answers():
    form = ResultCountryForm(answers=["report-crime", "no"])
    html = crispy(form)
    country = form["country"]
    assert country.id_for_label == "id_country"
    assert country.aria_describedby == "id_country_helptext"
    assert (
        '<select name="country" class="select form-select" '
        'aria-describedby="id_country_helptext" id="id_country">'
    ) in html
    assert (
        '<input type="hidden" name="a" value="report-crime"><input type="hidden" name="a" value="no">'
    ) in html
    assert 'data-finder-label="Find your country by name"' in html
    assert ">Show contacts</button>" in html


def test_the_country_form_offers_a_change_once_a_country_is_chosen():
    chosen = ResultCountryForm(QueryDict("country=au"), answers=["media"])
    assert chosen.is_valid()
    assert ">Change country</button>" in crispy(chosen)
    for query in ("country=", "country=XX"):
        assert ">Show contacts</button>" in crispy(ResultCountryForm(QueryDict(query), answers=[]))


def test_an_unknown_country_is_an_error_tied_to_the_select():
    form = ResultCountryForm(QueryDict("country=XX"), answers=[])
    html = crispy(form)
    assert form["country"].aria_describedby == "id_country_helptext id_country_error"
    assert 'aria-invalid="true" aria-describedby="id_country_helptext id_country_error"' in html
    assert (
        '<div id="id_country_error" class="invalid-feedback d-block"> <p class="fw-bold">'
        '<span class="visually-hidden">Error:</span> Choose a country from the list, or leave it '
        "empty.</p>"
    ) in html
