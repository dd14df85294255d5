"""The starter content reads plainly: reading-grade targets from issue 10.

Grades come from textstat's Flesch-Kincaid formula on the visible text of each
item (Markdown rendered, then stripped). Every list item and heading counts as
a sentence of its own, as a reader sees it. The figures are printed so a
writer can see which items pull the median up (`pytest -s`).
"""

import re
import statistics

import pytest
import textstat

from contact.starter import OUTCOMES
from faq.starter import STARTER_DIR, _content_files, read_article, read_toml
from interpolinfo.markdown import html_to_text, render_markdown
from interpolinfo.site_facts import fill_facts

# Same on any database (the starter text's reading grade): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database

ARTICLE_MEDIAN_MAX = 5.0
CRIME_AREA_MEDIAN_MAX = 6.0
ITEM_MAX = 8.0
SENTENCE_WORDS_MAX = 25

_BLOCK_END = re.compile(r"</(?:p|li|h[2-4]|td|th)>")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+")
# Defaults stand in for the staff-edited facts: the text's difficulty does not depend on them.
SAMPLE_FACTS = {"member_countries": 100}


def visible_text(*markdown_parts: str) -> str:
    """The words a reader sees, each block ending like a sentence."""
    pieces = []
    for part in markdown_parts:
        html = render_markdown(fill_facts(part, facts=SAMPLE_FACTS))
        html = _BLOCK_END.sub(lambda end: "." + end.group(0), html)
        pieces.append(html_to_text(html))
    text = " ".join(pieces)
    return re.sub(r"([.!?:;])\.", r"\1", text)


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


def articles() -> dict[str, str]:
    return {
        path.stem: visible_text(data["summary"], data["body"])
        for path in _content_files(STARTER_DIR / "articles", "*.md")
        for data in [read_article(path)]
    }


def crime_areas() -> dict[str, str]:
    items = {}
    for group in read_toml(STARTER_DIR / "crime_areas.toml")["group"]:
        for area in [group, *group.get("sub_area", [])]:
            items[area["slug"]] = visible_text(
                area["summary"], area["interpol_role"], area.get("public_action", "")
            )
    return items


def scam_types() -> dict[str, str]:
    return {
        scam["slug"]: visible_text(
            scam["summary"],
            scam["how_it_works"],
            "\n".join(f"- {sign}" for sign in scam.get("warning_signs", [])),
            scam["what_to_do"],
            scam.get("if_already_paid", ""),
        )
        for scam in read_toml(STARTER_DIR / "scam_types.toml")["scam"]
    }


def outcomes() -> dict[str, str]:
    return {
        slug: visible_text(data.title, data.summary, data.body) for slug, data in OUTCOMES.items()
    }


KINDS = {
    "article": articles,
    "crime area": crime_areas,
    "scam type": scam_types,
    "outcome": outcomes,
}


def grades(items: dict[str, str]) -> dict[str, float]:
    return {slug: textstat.flesch_kincaid_grade(text) for slug, text in items.items()}


@pytest.fixture(scope="module")
def all_grades() -> dict[str, dict[str, float]]:
    result = {kind: grades(read()) for kind, read in KINDS.items()}
    for kind, by_slug in result.items():
        print(f"\n{kind}s: median {statistics.median(by_slug.values()):.2f}")
        for slug, grade in sorted(by_slug.items(), key=lambda pair: -pair[1]):
            print(f"  {grade:5.2f}  {slug}")
    return result


def test_articles_read_at_a_median_grade_of_five_or_less(all_grades):
    assert statistics.median(all_grades["article"].values()) <= ARTICLE_MEDIAN_MAX


def test_crime_areas_read_at_a_median_grade_of_six_or_less(all_grades):
    assert statistics.median(all_grades["crime area"].values()) <= CRIME_AREA_MEDIAN_MAX


def test_no_item_reads_above_grade_eight(all_grades):
    too_hard = {
        f"{kind}: {slug}": grade
        for kind, by_slug in all_grades.items()
        for slug, grade in by_slug.items()
        if grade > ITEM_MAX
    }
    assert too_hard == {}


def test_no_sentence_is_longer_than_twenty_five_words():
    too_long = [
        f"{kind}: {slug}: {sentence}"
        for kind, read in KINDS.items()
        for slug, text in read().items()
        for sentence in sentences(text)
        if len(sentence.split()) > SENTENCE_WORDS_MAX
    ]
    assert too_long == []


def test_the_grade_counter_sees_a_hard_sentence_as_hard():
    easy = textstat.flesch_kincaid_grade("Call the police. Do not pay.")
    hard = textstat.flesch_kincaid_grade(
        "Notwithstanding jurisdictional considerations, provisional detention "
        "necessitates comprehensive international authorisation procedures."
    )
    assert easy < ITEM_MAX < hard
