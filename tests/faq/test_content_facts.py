"""Facts in the starter content that a review found wrong once, kept right by a test."""

import re

import pytest

from contact.starter import OUTCOMES
from faq.starter import STARTER_DIR, _content_files, read_article, read_toml

# Same on any database (the starter text's wording): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database

RED_NOTICE_PAGES = (
    "is-a-red-notice-an-arrest-warrant",
    "information-about-a-wanted-person",
    "is-this-legal-advice",
    "media-enquiries-to-interpol",
    "can-interpol-arrest-me",
    "worried-there-is-a-red-notice-about-me",
)


def article(slug: str) -> dict:
    return read_article(STARTER_DIR / "articles" / f"{slug}.md")


def all_articles() -> list[dict]:
    return [read_article(path) for path in _content_files(STARTER_DIR / "articles", "*.md")]


def test_every_red_notice_page_says_provisional_arrest_and_extradition():
    for slug in RED_NOTICE_PAGES:
        body = article(slug)["body"].lower()
        assert "provisional arrest" in body, slug
        assert "extradition" in body, slug


def test_no_page_says_interpol_arrests_with_a_countrys_consent():
    page = article("can-interpol-arrest-me")["body"]
    assert "without that country's own authorities" not in page
    assert "with or without a country's consent" in page


def test_the_crime_groups_the_overview_names_match_the_crime_areas():
    groups = read_toml(STARTER_DIR / "crime_areas.toml")["group"]
    overview = article("what-crimes-does-interpol-deal-with")
    assert "six groups" in overview["body"]
    assert len(groups) == 6
    assert "three main areas" not in " ".join(a["body"] for a in all_articles())


def test_no_page_describes_criminals_by_ethnicity():
    for item in all_articles():
        assert "ethnic" not in item["body"].lower(), item["slug"]


def test_online_scams_are_reported_at_home():
    everything = " ".join(a["body"] for a in all_articles()) + str(OUTCOMES)
    assert "of the country where they happen" not in everything


def test_one_spelling_organisation_except_in_interpols_own_name():
    for item in all_articles():
        text = item["summary"] + item["body"] + item.get("meta_description", "")
        text = text.replace("Criminal Police Organization", "")
        assert not re.search(r"organiz", text, re.IGNORECASE), item["slug"]


def test_official_languages_is_the_only_name_for_interpols_languages():
    everything = " ".join(a["body"] for a in all_articles()) + str(OUTCOMES)
    assert "working languages" not in everything


def test_every_scam_type_says_call_the_bank_before_the_police():
    for scam in read_toml(STARTER_DIR / "scam_types.toml")["scam"]:
        steps = scam.get("if_already_paid", "")
        if "bank" in steps and "police" in steps:
            assert steps.index("bank") < steps.index("police"), scam["slug"]


def test_the_scam_message_outcome_keeps_evidence_before_blocking():
    body = OUTCOMES["scam-message"].body
    assert body.index("evidence") < body.index("block")
    assert "Delete the message" not in body


def test_every_crime_area_and_sub_area_cites_an_interpol_page_about_it():
    for group in read_toml(STARTER_DIR / "crime_areas.toml")["group"]:
        for area in [group, *group.get("sub_area", [])]:
            urls = [source["url"] for source in area.get("sources", [])]
            assert urls, area["slug"]
            assert all("interpol.int" in url and "/FAQs" not in url for url in urls), area["slug"]


# Terms a frightened reader may not know, and the words that explain them.
# The site marks a term it explains in *italics*; NCB follows its full name.
JARGON = {"provisional arrest": "*provisional arrest*", "extradition": "*extradition*"}


def pages_to_read() -> dict[str, str]:
    pages = {
        f"article {item['slug']}": item["summary"] + "\n" + item["body"] for item in all_articles()
    }
    pages.update({f"outcome {slug}": f"{o.summary}\n{o.body}" for slug, o in OUTCOMES.items()})
    return pages


def test_jargon_is_explained_the_first_time_it_appears_on_each_page():
    for page, text in pages_to_read().items():
        for term, explained in JARGON.items():
            first = text.lower().find(term)
            if first != -1:
                assert text.find(explained) in (first - 1, first), (page, term)
        if re.search(r"\bNCBs?\b", text):
            first_ncb = re.search(r"\bNCBs?\b", text).start()
            assert "National Central Bureau" in text[:first_ncb], page
