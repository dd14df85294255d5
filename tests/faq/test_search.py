"""Search behaves the same way on SQLite (fallback) and PostgreSQL (full text)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from faq.models import SearchLog
from faq.search import normalise_query, search
from tests.faq.factories import make_article, make_crime_area, make_scam_type, make_topic
from tests.queries import version_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    topic = make_topic()
    return {
        "red_notice": make_article(
            topic=topic,
            title="What is a Red Notice?",
            summary="A request to police worldwide to find and provisionally arrest a person.",
            body="A Red Notice is not an international arrest warrant.",
        ),
        "texts": make_article(
            topic=topic,
            title="Does INTERPOL contact people by text message?",
            summary="No, it works only with police forces.",
            body="Scammers send messages that mention a red stamp or a notice to pay.",
        ),
        "arrest": make_article(
            topic=topic,
            title="Can INTERPOL arrest someone?",
            summary="No. Only national police can arrest people.",
            body="INTERPOL supports police forces; it has no officers who arrest anyone.",
        ),
        "ransomware": make_crime_area(
            title="Ransomware",
            summary="Criminals lock computers and demand payment.",
            interpol_role="It helps police trace the criminals behind ransomware attacks.",
        ),
        "sextortion": make_scam_type(
            title="Sextortion",
            summary="Blackmail with intimate images.",
            how_it_works="Someone threatens to share images unless you pay.",
        ),
        "draft": make_article(
            topic=topic, title="Red Notice draft", published=False, body="Red Notice secret."
        ),
    }


def titles(outcome) -> list[str]:
    return [result.title for result in outcome.results]


def test_a_title_match_ranks_above_a_body_match(library):
    found = titles(search(query="red notice"))
    assert found[0] == "What is a Red Notice?"
    assert "Red Notice draft" not in found


def test_results_cover_crime_areas_and_scam_types(library):
    assert titles(search(query="ransomware")) == ["Ransomware"]
    outcome = search(query="sextortion")
    assert [(result.kind, result.title) for result in outcome.results] == [
        ("scamtype", "Sextortion")
    ]
    assert outcome.results[0].url == library["sextortion"].get_absolute_url()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("interpole arrest", "Can INTERPOL arrest someone?"),
        ("red notise", "What is a Red Notice?"),
        ("sextorsion", "Sextortion"),
    ],
)
def test_misspelt_words_still_find_the_page(library, typed, expected):
    assert expected in titles(search(query=typed))[:2]


def test_words_in_a_different_form_match(library):
    assert "Can INTERPOL arrest someone?" in titles(search(query="arrests"))


def test_snippets_highlight_words_and_carry_no_other_markup(library):
    make_article(title="Odd body", body="Call <b onclick='x()'>now</b> about the ransom fee")
    result = next(r for r in search(query="ransom fee").results if r.title == "Odd body")
    assert "<mark>" in result.snippet
    assert "onclick" not in result.snippet
    assert "<b" not in result.snippet


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "' OR 1=1; DROP TABLE faq_article; --",
        "%_\\",
        "\u202e\u0000\ufeff\U0001f642 \uff52\uff45\uff44\u3000\uff4e\uff4f\uff54\uff49\uff43\uff45",
        "<script>alert(1)</script>",
        "& | ! : * ( )",
    ],
)
def test_odd_queries_never_fail(library, client, query):
    outcome = search(query=query)
    assert len(outcome.query) <= 200
    response = client.get(reverse("faq:search"), {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_fullwidth_and_control_characters_are_normalised():
    assert normalise_query("\u0000\uff32\uff25\uff24\tnotice\u202e ") == "red notice"


def test_an_empty_query_gets_a_helpful_page_and_is_not_logged(client):
    response = client.get(reverse("faq:search"))
    assert response.status_code == 200
    assert "Type a few words" in response.content.decode()
    assert not SearchLog.objects.exists()


def test_a_query_with_no_results_suggests_where_to_go(library, client):
    html = client.get(reverse("faq:search"), {"q": "zzzqqq"}).content.decode()
    assert "Nothing matched" in html
    assert reverse("contact:start") in html


def test_a_very_long_query_is_shortened_and_says_so(library, client):
    html = client.get(reverse("faq:search"), {"q": "red notice " * 1000}).content.decode()
    assert "we used only its beginning" in html


def test_queries_are_logged_normalised_truncated_and_counted_per_day(library):
    search(query="  Red   NOTICE ")
    search(query="red notice")
    search(query="y" * 500)
    search(query="zzzqqq")
    logs = {log.query: log for log in SearchLog.objects.all()}
    assert logs["red notice"].hits == 2
    assert logs["red notice"].result_count >= 1
    assert logs["red notice"].date == timezone.localdate()
    assert "y" * 100 in logs
    assert logs["zzzqqq"].result_count == 0
    assert len(logs) == 3


def test_search_page_sets_no_cookie(library, client):
    response = client.get(reverse("faq:search"), {"q": "red notice"})
    assert not response.cookies


def test_purge_command_deletes_logs_older_than_90_days():
    today = timezone.localdate()
    SearchLog.objects.create(query="old", date=today - timedelta(days=91))
    SearchLog.objects.create(query="recent", date=today - timedelta(days=90))
    out = StringIO()
    call_command("purge_search_logs", stdout=out)
    assert "Deleted 1 search log row" in out.getvalue()
    assert list(SearchLog.objects.values_list("query", flat=True)) == ["recent"]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("can interpol arrest me", "Can INTERPOL arrest someone?"),
        ("I got a text message from INTERPOL", "Does INTERPOL contact people by text message?"),
        ("what is a red notice", "What is a Red Notice?"),
    ],
)
def test_questions_in_a_visitors_own_words_find_the_answer(library, question, expected):
    assert titles(search(query=question))[0] == expected


def test_the_days_first_search_purges_old_search_words_without_cron(client):
    today = timezone.localdate()
    SearchLog.objects.create(query="old", date=today - timedelta(days=91))
    client.get(reverse("faq:search"), {"q": "red notice"})
    assert not SearchLog.objects.filter(query="old").exists()
    # Later searches that day leave the purge alone: it ran once already.
    SearchLog.objects.create(query="older", date=today - timedelta(days=200))
    client.get(reverse("faq:search"), {"q": "scam"})
    assert SearchLog.objects.filter(query="older").exists()


def test_purge_refuses_a_period_shorter_than_a_day():
    with pytest.raises(CommandError):
        call_command("purge_search_logs", "--days", "0")


def test_a_synonym_staff_add_changes_results_at_once(library):
    from faq.models import Synonym

    assert not search(query="xyzzyq", log=False).results
    Synonym.objects.create(phrase="XyzzyQ", means="sextortion")
    assert titles(search(query="xyzzyq", log=False))[0] == "Sextortion"


def test_a_misspelt_word_is_corrected_and_offered_as_did_you_mean(library):
    outcome = search(query="red notise", log=False)
    assert outcome.did_you_mean == "red notice"
    assert outcome.results


def test_nothing_found_offers_the_wizard_and_the_most_helpful_pages(library, client):
    page = client.get(reverse("faq:search"), {"q": "qqxzvw"}).content.decode()
    assert reverse("contact:start") in page
    assert "Questions people find most helpful" in page


def test_a_search_page_renders_in_three_queries_once_warm(
    library, client, django_assert_num_queries
):
    client.get(reverse("faq:search"), {"q": "warm up"})
    # The search itself, the anonymous per-day count (and, without Redis, the version).
    with django_assert_num_queries(version_queries() + 2):
        response = client.get(reverse("faq:search"), {"q": "red notice"})
    assert response.status_code == 200


def test_search_index_follows_publication_and_deletion(library):
    from faq.models import Article, Status

    article = Article.objects.published().first()
    assert article.title in [r.title for r in search(query=article.title, log=False).results]
    article.status = Status.DRAFT
    article.save()
    assert article.title not in [r.title for r in search(query=article.title, log=False).results]
    article.status = Status.PUBLISHED
    article.save()
    assert article.title in [r.title for r in search(query=article.title, log=False).results]
    article.delete()
    assert article.title not in [r.title for r in search(query=article.title, log=False).results]
