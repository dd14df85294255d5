"""Search quality on the repo's evaluation set (tests/faq/search_eval.toml).

Runs on whichever engine the test database uses: SQLite's FTS5 in the first
pass of `make test`, PostgreSQL in the second. Prints every miss, so a drop in
quality says which questions stopped finding their page.
"""

import tomllib
from pathlib import Path

import pytest
from django.db import connection
from django.utils import translation

from faq.search import search
from faq.search_index import rebuild_search_index
from faq.starter import load_starter_knowledge_base, load_starter_translations
from tests.content import module_fixture

HERE = Path(__file__).parent
EVAL_SET = tomllib.loads((HERE / "search_eval.toml").read_text())["query"]
# search_eval_fr.toml, search_eval_es.toml, search_eval_ar.toml: the same bar per language.
OTHER_LANGUAGES = sorted(path.stem.rsplit("_", 1)[1] for path in HERE.glob("search_eval_*.toml"))
TARGET = 0.95

# One process runs the whole module on the PostgreSQL pass (--dist loadgroup), so the
# library is loaded and indexed once, not once in each process.
pytestmark = pytest.mark.xdist_group("search_eval")


def load_library() -> None:
    load_starter_knowledge_base()
    load_starter_translations()
    rebuild_search_index()


_library_for_module = module_fixture(load_library)


@pytest.fixture
def library(_library_for_module, db):
    """The starter knowledge base in four languages, indexed (once for the module)."""


def top_three(query: str) -> list[str]:
    outcome = search(query=query, limit=3, log=False)
    return [
        f"{result.kind}:{result.url.rstrip('/').rsplit('/', 1)[-1]}" for result in outcome.results
    ]


def test_the_evaluation_set_is_big_enough_and_names_real_pages(library):
    from faq.models import SearchEntry

    assert len(EVAL_SET) >= 60
    pages = {
        f"{kind}:{url.rstrip('/').rsplit('/', 1)[-1]}"
        for kind, url in SearchEntry.objects.values_list("kind", "url")
    }
    unknown = {page for item in EVAL_SET for page in item["expect"]} - pages
    assert unknown == set()


def test_the_right_page_is_in_the_top_three_for_95_percent_of_queries(library):
    misses = []
    for item in EVAL_SET:
        found = top_three(item["q"])
        if not set(found) & set(item["expect"]):
            misses.append(f"  {item['q']!r}: got {found}, wanted one of {item['expect']}")
    hit_rate = 1 - len(misses) / len(EVAL_SET)
    print(
        f"\nhit@3 on {connection.vendor}: {hit_rate:.1%} ({len(EVAL_SET) - len(misses)}/{len(EVAL_SET)})"
    )
    print("\n".join(misses))
    assert hit_rate >= TARGET, "\n".join(misses)


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_each_language_finds_its_pages_as_well(library, language):
    queries = tomllib.loads((HERE / f"search_eval_{language}.toml").read_text())["query"]
    assert len(queries) >= 15
    misses = []
    with translation.override(language):
        for item in queries:
            found = top_three(item["q"])
            if not set(found) & set(item["expect"]):
                misses.append(f"  {item['q']!r}: got {found}, wanted one of {item['expect']}")
    hit_rate = 1 - len(misses) / len(queries)
    print(
        f"\nhit@3 in {language} on {connection.vendor}: {hit_rate:.1%} ({len(queries) - len(misses)}/{len(queries)})"
    )
    print("\n".join(misses))
    assert hit_rate >= TARGET, "\n".join(misses)
