"""The public wizard over HTTP: canonical redirects, changes, bad input, privacy and queries."""

import pytest
from django.urls import reverse

from contact.models import Channel, Choice, Outcome, OutcomeCount, Question
from tests.queries import version_queries

pytestmark = pytest.mark.django_db

QUESTION = reverse("contact:question")
RESULT = reverse("contact:result")
# Every public request first reads the content version (interpolinfo/page_cache.py).
PAGE_CACHE_QUERIES = 1


@pytest.fixture
def client(client, starter_flow_for_module):
    return client


def test_the_start_page_is_indexed_and_links_to_the_first_question(client):
    response = client.get(reverse("contact:start"))
    assert response.status_code == 200
    assert 'content="noindex"' not in response.content.decode()
    assert f'href="{QUESTION}"' in response.content.decode()


def test_the_first_question_shows_its_answers_as_radios_with_hints(client):
    response = client.get(QUESTION)
    assert response.status_code == 200
    page = response.content.decode()
    assert "What brings you here today?" in page
    assert 'type="radio" name="answer" id="answer-message" value="message"' in page
    assert 'aria-describedby="answer-message-hint"' in page


def test_choosing_an_answer_redirects_to_the_canonical_url_of_the_next_question(client):
    response = client.get(QUESTION, {"q": "start", "answer": "message"})
    assert response.status_code == 303
    assert response["Location"] == f"{QUESTION}?a=message"
    page = client.get(response["Location"])
    assert "What does the message or caller want from you?" in page.content.decode()


def test_the_last_answer_redirects_to_the_result_and_counts_the_outcome_once(client):
    response = client.get(
        QUESTION, {"a": ["message", "money"], "q": "already-acted", "answer": "paid"}
    )
    assert response.status_code == 303
    assert response["Location"] == f"{RESULT}?a=message&a=money&a=paid"
    count = OutcomeCount.objects.get(outcome__slug="scam-paid")
    assert count.count == 1


def test_the_result_page_shows_the_channel_as_a_plain_link(client):
    response = client.get(RESULT, {"a": ["data-about-me"]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Based on your answers" in page
    ccf = Channel.objects.get(slug="interpol-ccf")
    assert f'<a class="text-break" href="{ccf.url}" rel="noopener noreferrer">{ccf.url}</a>' in page


def test_every_step_lists_your_answers_with_change_links_and_start_again(client):
    page = client.get(RESULT, {"a": ["message", "money", "paid"]}).content.decode()
    assert "Your answers" in page
    assert f'href="{QUESTION}?selected=message"' in page
    assert f'href="{QUESTION}?a=message&amp;selected=money"' in page
    assert f'href="{QUESTION}?a=message&amp;a=money&amp;selected=paid"' in page
    assert f'<a href="{QUESTION}">Start again</a>' in page


def test_a_change_link_reopens_the_question_with_the_old_answer_selected(client):
    page = client.get(QUESTION, {"a": ["message"], "selected": "money"}).content.decode()
    assert 'id="answer-money" value="money" checked' in page
    assert 'id="answer-local-police" value="local-police" aria' in page


def test_a_question_url_that_is_already_a_result_redirects_to_the_result(client):
    response = client.get(QUESTION, {"a": ["media"]})
    assert response.status_code == 302
    assert response["Location"] == f"{RESULT}?a=media"


def test_a_result_url_that_is_still_a_question_redirects_to_the_question(client):
    response = client.get(RESULT, {"a": ["message"]})
    assert response.status_code == 302
    assert response["Location"] == f"{QUESTION}?a=message"


def test_a_missing_answer_reshows_the_question_with_an_error_summary(client):
    response = client.get(QUESTION, {"a": ["message"], "q": "message-asks"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert" tabindex="-1" id="error-summary"' in page
    assert '<a href="#answer-money">Choose one of the answers to continue.</a>' in page
    assert "<title>Error:" in page


def test_an_unknown_answer_reasks_the_question_with_an_error(client):
    response = client.get(QUESTION, {"a": ["message"], "q": "message-asks", "answer": "<script>"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "That answer is not one of the choices." in page
    assert "<script>" not in page


def test_two_answers_to_one_question_are_refused(client):
    response = client.get(QUESTION, {"q": "start", "answer": ["media", "jobs"]})
    assert response.status_code == 400


def test_answers_beyond_a_result_give_404(client):
    response = client.get(RESULT, {"a": ["media", "jobs"]})
    assert response.status_code == 404


def test_an_absurdly_long_answer_list_gives_404_before_any_work(client, django_assert_num_queries):
    # The one query is the page cache reading the content version, before the view.
    with django_assert_num_queries(PAGE_CACHE_QUERIES):
        response = client.get(QUESTION, {"a": ["x"] * 500})
    assert response.status_code == 404


def test_a_link_with_a_deleted_choice_goes_to_that_question_with_a_note(client):
    Choice.objects.get(question__slug="message-asks", slug="money").delete()
    response = client.get(RESULT, {"a": ["message", "money", "paid"]})
    assert response.status_code == 302
    assert response["Location"] == f"{QUESTION}?a=message&changed=1"
    page = client.get(response["Location"]).content.decode()
    assert "This guide has been updated since that link was made" in page
    assert "What does the message or caller want from you?" in page


def test_an_answer_to_a_question_that_is_no_longer_asked_there_goes_to_the_new_question(client):
    response = client.get(QUESTION, {"a": ["message"], "q": "start", "answer": "media"})
    assert response.status_code == 302
    assert response["Location"] == f"{QUESTION}?a=message&changed=1"


def test_an_edit_is_live_at_once(client):
    outcome = Outcome.objects.create(
        slug="new", title="A brand new route", summary="Why.", no_channel_reason="None fits."
    )
    Choice.objects.create(
        question=Question.objects.get(slug="start"), slug="new-route", label="New", outcome=outcome
    )
    response = client.get(QUESTION, {"q": "start", "answer": "new-route"}, follow=True)
    assert "A brand new route" in response.content.decode()


def test_a_broken_flow_is_never_served_a_calm_page_with_official_links_is(client):
    Question.objects.filter(slug="start").update(is_start=False)
    for url in (QUESTION, f"{RESULT}?a=media"):
        response = client.get(url)
        assert response.status_code == 503
        page = response.content.decode()
        assert "briefly unavailable" in page
        assert "https://www.interpol.int/en/Contacts/Contact-INTERPOL" in page


def test_wizard_pages_are_noindex_and_set_no_cookie(client):
    urls = [
        QUESTION,
        f"{QUESTION}?a=message",
        f"{QUESTION}?a=message&q=message-asks",
        f"{RESULT}?a=media",
        f"{RESULT}?a=media&country=US",
        reverse("contact:start"),
    ]
    for url in urls:
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url
        if url != reverse("contact:start"):
            assert '<meta name="robots" content="noindex">' in response.content.decode(), url
            assert response["X-Robots-Tag"] == "noindex"


def test_post_is_not_allowed(client):
    assert client.post(QUESTION, {"answer": "media"}).status_code == 405


def test_choosing_a_country_adds_its_emergency_number_and_scam_channels(client):
    page = client.get(RESULT, {"a": ["message", "money", "paid"], "country": "AU"}).content.decode()
    assert 'In danger now? In Australia, call <a href="tel:000">000</a>.' in page
    assert "https://www.scamwatch.gov.au" in page
    assert "https://www.cyber.gov.au/report-and-recover/report" in page
    assert "Police Assistance Line" not in page  # it has fraud channels: no police fallback
    assert '<option value="AU" selected>' in page


def test_each_result_shows_only_its_kinds_of_channel(client):
    missing = client.get(RESULT, {"a": ["missing-person"], "country": "AU"}).content.decode()
    assert "Police Assistance Line" in missing
    assert "Smartraveller consular help" in missing
    assert "scamwatch" not in missing  # no fraud portal on a missing-person result
    assert "ReportCyber" not in missing


def test_a_scam_result_falls_back_to_the_police_where_there_is_no_fraud_channel(client):
    page = client.get(RESULT, {"a": ["message", "money", "paid"], "country": "NG"}).content.decode()
    assert "Nigeria Police Force" in page
    assert "https://npf.gov.ng" in page


def test_the_emergency_result_shows_the_number_large_as_a_phone_link(client):
    page = client.get(RESULT, {"a": ["danger-now"], "country": "GB"}).content.decode()
    assert '<a class="emergency-number__link" href="tel:999" dir="ltr">999</a>' in page
    assert page.index("emergency-number__link") < page.index('id="where-to-go"')


def test_a_territory_maps_to_the_country_that_polices_it(client):
    page = client.get(RESULT, {"a": ["message", "money", "paid"], "country": "GI"}).content.decode()
    assert "Gibraltar is policed with United Kingdom" in page
    assert "https://www.reportfraud.police.uk" in page
    assert "tel:999" not in page  # the UK's number is not Gibraltar's: not shown
    assert "call the local emergency number" in page


def test_a_country_the_directory_lacks_says_so_plainly(client):
    page = client.get(RESULT, {"a": ["report-crime", "no"], "country": "JP"}).content.decode()
    assert "Japan is not in our list of INTERPOL member countries" in page


def test_the_country_travels_through_the_wizard_in_the_query_string(client):
    result = client.get(RESULT, {"a": ["message", "money", "paid"], "country": "AU"})
    page = result.content.decode()
    # Every "Change" link keeps the country...
    assert "country=AU" in page.split('id="your-answers"')[-1] or "country=AU" in page
    change = client.get(QUESTION, {"a": ["message"], "selected": "money", "country": "AU"})
    assert '<input type="hidden" name="country" value="AU">' in change.content.decode()
    # ...and answering again lands on a result that still has it.
    answered = client.get(
        QUESTION, {"a": ["message"], "q": "message-asks", "answer": "money", "country": "au"}
    )
    assert answered.status_code == 303
    assert "country=AU" in answered["Location"]


def test_a_malformed_country_on_a_question_page_is_dropped_not_a_crash(client):
    response = client.get(QUESTION, {"a": ["message"], "country": "<script>"})
    assert response.status_code == 200
    assert "&lt;script&gt;" not in response.content.decode()


def test_an_unknown_country_is_a_form_error_not_a_crash(client):
    response = client.get(RESULT, {"a": ["report-crime", "no"], "country": "XX"})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<a href="#id_country">Choose a country from the list, or leave it empty.</a>' in page
    assert 'aria-invalid="true"' in page or "is-invalid" in page


@pytest.mark.parametrize("code", ["", "au", " AU "])
def test_a_country_code_in_any_case_or_none_is_accepted(client, code):
    response = client.get(RESULT, {"a": ["message", "money", "paid"], "country": code})
    assert response.status_code == 200


def test_the_result_has_a_canonical_link_without_the_country(client):
    page = client.get(RESULT, {"a": ["media"], "country": "US"}).content.decode()
    assert f'<link rel="canonical" href="http://127.0.0.1:8000{RESULT}?a=media">' in page


# The result page fills the staff-edited member count into its text: one read, on a cache miss.
SITE_FACTS_QUERIES = 1


@pytest.mark.parametrize(
    "url",
    [
        QUESTION,
        f"{QUESTION}?a=message&a=money",
        f"{QUESTION}?a=message&q=message-asks&answer=money",
        f"{QUESTION}?a=message&a=money&q=already-acted&answer=paid",
        f"{RESULT}?a=message&a=money&a=paid",
        f"{RESULT}?a=message&a=money&a=paid&country=AU",
    ],
)
def test_every_wizard_page_runs_at_most_five_queries(client, url, django_assert_max_num_queries):
    # The first page after an edit reads the flow (3), the outcome's channels and a
    # country (2); later pages reuse what this process read at that version.
    with django_assert_max_num_queries(5 + PAGE_CACHE_QUERIES + SITE_FACTS_QUERIES + 1):
        response = client.get(url)
    assert response.status_code in (200, 303)


def test_a_result_with_a_country_costs_three_queries_once_the_flow_was_read(
    client, django_assert_num_queries
):
    client.get(RESULT, {"a": ["message", "money", "paid"], "country": "GB"})  # any result
    # Another country on the same result: the country and its channels (and, without
    # Redis, the content version): at most three queries to render.
    with django_assert_num_queries(version_queries() + 2):
        response = client.get(RESULT, {"a": ["message", "money", "paid"], "country": "AU"})
    assert response.status_code == 200
    assert "scamwatch" in response.content.decode()


def test_query_count_does_not_grow_with_the_flow(client, django_assert_max_num_queries):
    start = Question.objects.get(slug="start")
    for number in range(30):
        outcome = Outcome.objects.create(
            slug=f"extra-{number}", title=f"Extra {number}", summary=".", no_channel_reason="-"
        )
        question = Question.objects.create(slug=f"extra-{number}", text=f"Extra {number}?")
        Choice.objects.create(question=question, slug="ok", label="OK", outcome=outcome)
        Choice.objects.create(
            question=start, slug=f"extra-{number}", label="X", next_question=question
        )
    with django_assert_max_num_queries(5 + PAGE_CACHE_QUERIES + SITE_FACTS_QUERIES + 1):
        response = client.get(RESULT, {"a": ["extra-29", "ok"], "country": "GB"})
    assert response.status_code == 200


def test_only_the_start_page_is_in_the_sitemap(client):
    sitemap = client.get(reverse("sitemap")).content.decode()
    assert f"{reverse('contact:start')}</loc>" in sitemap
    assert QUESTION not in sitemap
    assert RESULT not in sitemap


def test_results_where_national_contacts_do_not_help_offer_no_country_choice(client):
    page = client.get(RESULT, {"a": ["jobs"], "country": "US"}).content.decode()
    assert "Contacts in your country" not in page
    assert "the emergency number is" not in page


def test_a_database_failure_shows_the_calm_unavailable_page(client, monkeypatch):
    from django.db import OperationalError

    def fail(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("contact.views.load_flow", fail)
    response = client.get(QUESTION)
    assert response.status_code == 503
    assert response["Retry-After"] == "300"
    assert "briefly unavailable" in response.content.decode()


def test_a_cached_result_with_a_country_makes_no_query_beyond_the_version(
    client, django_assert_num_queries
):
    url = f"{RESULT}?a=message&a=money&a=paid&country=AU"
    client.get(url)
    with django_assert_num_queries(version_queries()):
        assert client.get(url).status_code == 200


def test_the_question_page_is_drawn_from_its_form_with_a_summary_that_takes_focus(client):
    response = client.get(QUESTION, {"a": ["message"], "q": "message-asks"})
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.index('id="error-summary"')
    assert 'role="alert" tabindex="-1" id="error-summary"' in page
    assert 'aria-labelledby="error-summary-title" autofocus>' in page
    assert summary < page.index("<form") < page.index('id="answer-money"')
    assert (
        '<fieldset id="div_answer" class="mb-4" aria-describedby="answer_helptext answer_error">'
        in page
    )
    assert page.count('<input type="hidden" name="a" value="message">') == 1


def test_an_unknown_country_gets_a_summary_above_the_heading_that_takes_focus(client):
    response = client.get(RESULT, {"a": ["report-crime", "no"], "country": "XX"})
    page = response.content.decode()
    assert response.status_code == 400
    assert (
        'tabindex="-1" id="error-summary" aria-labelledby="error-summary-title" autofocus' in page
    )
    assert page.index('id="error-summary"') < page.index("<h1")
    assert 'aria-invalid="true" aria-describedby="id_country_helptext id_country_error"' in page


def test_a_result_without_errors_has_no_summary(client):
    page = client.get(RESULT, {"a": ["report-crime", "no"], "country": "AU"}).content.decode()
    assert "error-summary" not in page
    assert ">Change country</button>" in page
