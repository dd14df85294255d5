"""The matcher on its own: no database, no HTTP."""

import pytest

from checker.matching import (
    Rule,
    check_message,
    compile_rules,
    find_links,
    fold,
    pattern_problem,
    phrase_problem,
)

# Same on any database (text matching in Python): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database

OFFICIAL = ["interpol.int", "police.uk"]


def found(text: str, *rules: Rule) -> dict[str, list[str]]:
    report = check_message(text=text, compiled=compile_rules(rules), official_domains=OFFICIAL)
    return {finding.key: finding.quotes(text) for finding in report.findings}


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("1nterp0l", "interpol"),
        ("I N T E R P O L", "interpol"),
        ("I.N.T.E.R.P.O.L", "interpol"),
        ("\uff29\uff2e\uff34\uff25\uff32\uff30\uff2f\uff2c", "interpol"),  # full-width
        ("Arrêt immédiat", "arret immediat"),
        ("within 24h", "within 24h"),
        ("الإنتربول", "الانتربول"),
        ("رسالة", "رساله"),
        ("٢٤ ساعة", "24 ساعه"),
    ],
)
def test_messages_are_folded_like_phrases(written, folded):
    assert fold(written) == folded


def test_a_phrase_matches_whole_words_and_quotes_the_visitors_own_words():
    rule = Rule("interpol", phrases=("interpol",))
    assert found("Message from 1NTERP0L today", rule) == {"interpol": ["1NTERP0L"]}
    assert found("Interpolation is maths", rule) == {}


def test_a_star_matches_any_ending_and_a_phrase_spans_punctuation():
    arrest = Rule("arrest", phrases=("arrest*",))
    gift = Rule("gift", phrases=("gift card",))
    assert found("You will be ARRESTED", arrest, gift) == {"arrest": ["ARRESTED"]}
    assert found("Buy a gift-card now", arrest, gift) == {"gift": ["gift-card"]}


def test_arabic_words_match_with_their_joined_prefixes_and_either_letter_form():
    rule = Rule("interpol", phrases=("انتربول",))
    assert found("رسالة والإنتربول تطلب", rule) == {"interpol": ["والإنتربول"]}


def test_an_expression_runs_on_the_folded_text():
    rule = Rule("money", pattern=r"\d+\s?euros?")
    assert found("Payez 300 EUROS", rule) == {"money": ["300 EUROS"]}


def test_overlapping_matches_are_quoted_once():
    rule = Rule("fee", phrases=("pay", "pay the fine"))
    assert found("Pay the fine now", rule) == {"fee": ["Pay the fine"]}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("see https://www.interpol.int/en", "official"),
        ("see interpol-gov.com", "lookalike"),
        ("see https://lnterpol.int/case", "lookalike"),
        ("see interpol.int.example.com/x", "lookalike"),
        ("see 1nterpol.org", "lookalike"),
        ("see bit.ly/abc", "short"),
        ("see example.org", "other"),
    ],
)
def test_links_are_judged_by_their_domain(text, kind):
    links = find_links(text=text, official_domains=OFFICIAL)
    assert [link.kind for link in links] == [kind]


def test_email_addresses_name_their_domain_and_free_mail_is_flagged():
    links = find_links(text="write to agent.interpol@gmail.com", official_domains=OFFICIAL)
    assert [(link.host, link.is_email, link.free_mail) for link in links] == [
        ("gmail.com", True, True)
    ]


def test_file_names_are_not_links():
    assert find_links(text="open report.pdf now", official_domains=OFFICIAL) == []


def test_link_detectors_fire_on_their_kind_of_link():
    rules = (
        Rule("lookalike", detector="lookalike_domain"),
        Rule("short", detector="short_link"),
        Rule("free", detector="free_mail"),
    )
    text = "Go to interpol-gov.com or bit.ly/x, or write to a@yahoo.com; see www.interpol.int"
    assert found(text, *rules) == {
        "lookalike": ["interpol-gov.com"],
        "short": ["bit.ly/x"],
        "free": ["a@yahoo.com"],
    }


@pytest.mark.parametrize(
    "pattern",
    [r"(a+)+b", r"(\w+\s?)*x", r"(?:\d+,?)+$", r"(a|aa)+b", r"x?", r"(unclosed"],
)
def test_dangerous_or_broken_expressions_are_refused(pattern):
    assert pattern_problem(pattern)


@pytest.mark.parametrize("pattern", [r"gift\s+cards?", r"\bwithin\s+\d+\s*(?:hours?|h)\b"])
def test_plain_expressions_are_accepted(pattern):
    assert pattern_problem(pattern) == ""


def test_a_phrase_needs_letters_and_a_star_needs_a_stem():
    assert phrase_problem("...")
    assert phrase_problem("a*")
    assert phrase_problem("arrest*") == ""


def test_the_marked_message_keeps_every_character_in_order():
    text = "Pay the fine, then call."
    report = check_message(
        text=text,
        compiled=compile_rules([Rule("fee", phrases=("pay the fine",))]),
        official_domains=OFFICIAL,
    )
    segments = report.segments()
    assert "".join(segment.text for segment in segments) == text
    assert [segment.text for segment in segments if segment.keys] == ["Pay the fine"]
