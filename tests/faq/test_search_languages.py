"""Search in French, Spanish and Arabic: each language's words are matched in any form,
and valid words are not "corrected" into other words (issue 13)."""

import pytest
from django.utils import translation

from faq.search import fold, plan_query, search, vocabulary_of
from faq.stemming import arabic_stem, stem
from tests.faq.factories import make_article, make_topic


def plan(query: str, *, pages: list[str], language: str, synonyms=()):
    vocabulary = vocabulary_of([set(fold(page).split()) for page in pages], language=language)
    return plan_query(
        fold(query), vocabulary=vocabulary, synonyms=list(synonyms), language=language
    )


@pytest.mark.parametrize(
    ("typed", "stem_"),
    [
        ("والاحتيال", "احتيال"),  # and + the + fraud
        (fold("بالإنتربول"), "انتربول"),  # with + the + INTERPOL
        ("للانتربول", "انتربول"),  # to + the + INTERPOL
        ("بياناتي", "بيان"),  # my data
        ("بيانات", "بيان"),  # data
    ],
)
def test_arabic_words_lose_their_article_prepositions_and_suffixes(typed, stem_):
    assert arabic_stem(typed) == stem_


def test_an_arabic_adjective_is_not_cut_down_to_another_word():
    # "الرقمية" (digital) is not "رقم" (number).
    assert arabic_stem(fold("الرقمية")) != arabic_stem("رقم")


def test_french_and_spanish_use_their_own_stemmers():
    assert stem("signalements", "fr") == stem("signaler", "fr")
    assert stem("denunciar", "es") == stem("denuncia", "es")


def test_an_arabic_query_searches_every_form_the_pages_use():
    terms = plan("احتيال", pages=["والاحتيال الاحتيال بالاحتيال"], language="ar").terms
    forms = plan("احتيال", pages=["والاحتيال الاحتيال بالاحتيال"], language="ar").forms
    assert terms == ["احتيال"]
    assert {"والاحتيال", "الاحتيال", "بالاحتيال"} <= set(forms)


def test_a_french_word_whose_stem_the_pages_use_is_not_corrected():
    outcome = plan("porter plainte", pages=["la porte une plainte"], language="fr")
    assert outcome.did_you_mean == ""
    assert "porter" in outcome.terms


def test_a_short_valid_word_is_not_turned_into_another_word():
    assert plan("mande foto", pages=["madre foto"], language="es").did_you_mean == ""


def test_a_real_typo_is_still_corrected_in_french():
    assert plan("notise rouge", pages=["notice rouge"], language="fr").did_you_mean == (
        "notice rouge"
    )


def test_a_phrase_synonym_is_searched_by_its_meaning_only():
    outcome = plan(
        "numéro de téléphone",
        pages=["numero telephone contacter"],
        language="fr",
        synonyms=[("numero de telephone", ["contacter"])],
    )
    assert outcome.terms == ["contacter"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "typed", "title"),
    [
        ("ar", "انتربول احتيال", "الاتصال بالإنتربول والاحتيال"),
        ("fr", "paye numero", "J'ai payé : quel numéro appeler ?"),
        ("es", "telefono", "Los teléfonos de la policía"),
    ],
)
def test_each_language_finds_its_page_whatever_the_form_or_accents(language, typed, title):
    topic = make_topic()
    make_article(
        topic=topic,
        title="Fraud in the name of INTERPOL",
        **{
            "title_ar": "الاتصال بالإنتربول والاحتيال",
            "title_fr": "J'ai payé : quel numéro appeler ?",
            "title_es": "Los teléfonos de la policía",
        },
    )
    make_article(topic=topic, title="Something else entirely", slug="other")
    with translation.override(language):
        found = search(query=typed, log=False).results
    assert [result.title for result in found] == [title]
