"""The search box and the helpful vote are Django forms drawn by crispy, on every page
that shows them, and the vote stays cookie-free."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.urls import reverse

from faq.forms import FeedbackForm, SearchForm
from faq.search import MAX_QUERY_CHARS
from tests.faq.factories import make_article


def crispy(form) -> str:
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form}))


def test_the_search_box_is_labelled_by_the_form_and_sits_beside_its_button():
    form = SearchForm(query="red notice")
    html = crispy(form)
    box = form["q"]
    assert box.id_for_label == "id_q"
    assert '<form method="get" action="/en/search/" class="search-form" role="search">' in html
    assert '<label for="id_q" class="form-label">Search the guide</label>' in html
    assert (
        '<div class="d-flex gap-2"> <input type="search" name="q" value="red notice" '
        f'maxlength="{MAX_QUERY_CHARS}" class="searchinput form-control" id="id_q">'
    ) in html
    assert 'type="submit">Search</button>' in html
    assert "input-group" not in html


def test_the_search_box_shows_at_most_the_part_of_a_long_query_that_was_used():
    html = crispy(SearchForm(query="x" * 1000))
    assert f'value="{"x" * MAX_QUERY_CHARS}"' in html
    assert "x" * (MAX_QUERY_CHARS + 1) not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "query"),
    [
        (reverse("faq:home"), ""),
        (reverse("faq:search") + "?q=red+notice", "red notice"),
        ("/en/no-such-page/", ""),
    ],
)
def test_every_search_box_is_the_search_form(client, url, query):
    page = client.get(url).content.decode()
    assert crispy(SearchForm(query=query)) in page
    assert page.count('name="q"') == 1


def test_the_vote_buttons_are_the_choices_of_the_feedback_form():
    form = FeedbackForm(article=SimpleNamespace(slug="does-interpol-text-people"))
    html = crispy(form)
    assert '<form method="post" action="/en/questions/does-interpol-text-people/feedback/">' in html
    assert len(form.fields["helpful"].choices) == 2
    for value, label in form.fields["helpful"].choices:
        assert (
            f'class="btn btn-outline-primary" name="helpful" type="submit" '
            f'value="{value}">{label}</button>'
        ) in html
    assert "csrfmiddlewaretoken" not in html
    assert form["helpful"].label == "Was this page helpful?"


@pytest.mark.django_db
def test_the_article_page_shows_the_feedback_form_and_sets_no_cookie(client):
    article = make_article(slug="does-interpol-text-people")
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert crispy(FeedbackForm(article=article)) in page
    assert '<h2 id="feedback-heading" class="h5">Was this page helpful?</h2>' in page
    assert not response.cookies


def test_a_vote_is_yes_or_no_only():
    assert FeedbackForm({"helpful": "yes"}).is_valid()
    assert FeedbackForm({"helpful": "no"}).is_valid()
    assert not FeedbackForm({"helpful": "maybe"}).is_valid()
    assert not FeedbackForm({}).is_valid()
