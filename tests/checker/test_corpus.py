"""The corpus of made-up messages (corpus.toml): every marked sign is found, and no page
calls a message safe or genuine, in any of the four languages."""

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import strip_tags

from checker.checks import active_signs, compiled_rules
from checker.matching import check_message
from checker.models import WarningSign
from tests.checker.conftest import check

# Same on any database (text matching in Python): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database

CORPUS = tomllib.loads((Path(__file__).parent / "corpus.toml").read_text())["message"]
LANGUAGES = ("en", "fr", "es", "ar")
# Words that would tell a visitor a message can be trusted. The checker never says so.
REASSURING = re.compile(
    r"\b(?:is|looks|seems|appears|probably|likely)\s+(?:safe|genuine|real|legitimate|authentic|official)\b"
    r"|\bnot\s+a\s+scam\b|\bno\s+risk\b"
    r"|\b(?:est|semble|para[iî]t)\s+(?:s[uû]r|authentique|l[eé]gitime|vrai|officiel)\b"
    r"|\bpas\s+une\s+arnaque\b"
    r"|\b(?:es|parece)\s+(?:seguro|aut[eé]ntico|leg[ií]timo|verdadero|oficial)\b"
    r"|\bno\s+es\s+una\s+estafa\b"
    r"|آمنة|رسالة\s+حقيقية|ليست\s+احتيال",
    re.IGNORECASE,
)


def test_the_corpus_has_forty_messages_in_each_of_the_four_languages():
    counts = Counter(message["language"] for message in CORPUS)
    assert len(CORPUS) >= 40
    assert all(counts[code] >= 9 for code in LANGUAGES), counts
    assert sum(message.get("kind") == "genuine-looking" for message in CORPUS) >= 4


def test_every_marked_sign_is_found_and_recall_is_printed_per_language(signs_and_flow_for_module):
    known = set(WarningSign.objects.values_list("key", flat=True))
    compiled = compiled_rules(active_signs())
    marked: Counter = Counter()
    hits: Counter = Counter()
    misses = []
    for message in CORPUS:
        assert set(message["signs"]) <= known, message["signs"]
        report = check_message(
            text=message["text"],
            compiled=compiled,
            official_domains=settings.CONTACT_URL_ALLOWED_DOMAINS,
        )
        for key in message["signs"]:
            marked[message["language"]] += 1
            if key in report.keys:
                hits[message["language"]] += 1
            else:
                misses.append(f"{message['language']}: {key} not found in {message['text'][:60]!r}")
    for code in LANGUAGES:
        print(f"recall {code}: {hits[code]}/{marked[code]} = {hits[code] / marked[code]:.1%}")
    assert sum(marked.values()) >= 150
    assert misses == [], "\n".join(misses)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_result_page_calls_a_message_safe_or_genuine(
    client, signs_and_flow_for_module, language
):
    messages = [message for message in CORPUS if message["language"] == language]
    assert messages
    for message in messages:
        response = check(client, message["text"], query="", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        text = strip_tags(response.content.decode())
        assert REASSURING.search(text) is None, (message["text"], REASSURING.search(text))


def test_the_wording_check_can_fail():
    assert REASSURING.search("This message is genuine")
    assert REASSURING.search("Ce message est authentique")
    assert REASSURING.search("El mensaje es seguro")
    assert REASSURING.search("هذه رسالة حقيقية")
