"""The search index: one `SearchEntry` per public page, and each engine's view of it.

SQLite (the embedded default) keeps one FTS5 table per language beside the
entries, each with the unicode61 tokenizer (diacritics removed) and bm25 ranking
with column weights; English adds FTS5's porter stemmer. FTS5 has no stemmer for
French, Spanish or Arabic, so for those `faq.search` searches every form of a
word the pages use (`faq.stemming`). PostgreSQL keeps a weighted tsvector in
`SearchEntry.document`, built with each language's own configuration (english,
french, spanish, arabic), with a GIN index, and ranks with `ts_rank`, normalised
for the document's length. Arabic is normalised the same way for both engines
(`normalise_arabic`). Both are written here and nowhere else, on every
save of a page (faq/signals.py) and by `rebuild_search_index()`.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Value
from django.utils import translation

from faq.models import Article, CrimeArea, ScamType, SearchEntry, Status
from faq.stemming import arabic_stem
from interpolinfo.markdown import html_to_text

# PostgreSQL text-search configuration for each language an entry may be in.
PG_CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "ar": "arabic"}
# SQLite: one FTS5 table per language (created by migrations 0005 and 0008).
FTS_TABLES = {language: f"faq_search_fts_{language}" for language in PG_CONFIGS}
# Languages whose SQLite table does not stem: the query searches each word's forms.
STEMMED_IN_PYTHON = frozenset({"fr", "es", "ar"})
# Snippet markers: control characters no page text contains, turned into <mark> later.
MARK_START, MARK_END = "\x02", "\x03"
_WORD = re.compile(r"\w+")
# bm25 column weights (title, summary, body); PostgreSQL's A/B/C weights match them.
FTS_WEIGHTS = (10.0, 4.0, 1.0)
SNIPPET_TOKENS = 28
# Arabic: tatweel and the short-vowel marks (harakat, superscript alef) carry no meaning
# for search; alef forms, ta marbuta and alef maqsura are typed either way.
ARABIC_MARKS = re.compile("[\u0640\u064b-\u0652\u0670]")
# Alef with hamza above or below, with madda, and alef wasla -> alef; ta marbuta -> heh;
# alef maqsura -> yeh (escaped: linters mistake these letters for Latin ones).
ALEF = "\u0627"
ARABIC_LETTERS = str.maketrans(
    {
        "\u0623": ALEF,
        "\u0625": ALEF,
        "\u0622": ALEF,
        "\u0671": ALEF,
        "\u0629": "\u0647",
        "\u0649": "\u064a",
    }
)


@dataclass(frozen=True)
class Indexed:
    """How one kind of page goes into the index."""

    model: type
    kind: str
    body: tuple[str, ...]
    parent: str = ""  # the page whose publication this one's depends on


INDEXED = (
    Indexed(Article, "article", ("body_html",), parent="topic"),
    Indexed(CrimeArea, "crimearea", ("interpol_role_html", "public_action_html"), parent="parent"),
    Indexed(
        ScamType,
        "scamtype",
        ("how_it_works_html", "warning_signs", "what_to_do_html", "if_already_paid_html"),
    ),
)
BY_MODEL = {spec.model: spec for spec in INDEXED}


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    summary: str
    url: str
    snippet: str  # plain text with MARK_START / MARK_END around matched words
    score: float


def visible_from(item, spec: Indexed) -> datetime | None:
    """When visitors may see `item`: its publish time, or its parent's if later."""
    chain = [item]
    parent = getattr(item, spec.parent, None) if spec.parent else None
    if parent is not None:
        chain.append(parent)
    if any(page.status != Status.PUBLISHED for page in chain):
        return None
    return max(page.publish_at for page in chain)


def entry_fields(item, spec: Indexed, language: str) -> dict:
    """The page as a visitor reading `language` sees it (English where not translated)."""
    with translation.override(language):
        body = " ".join(html_to_text(getattr(item, name) or "") for name in spec.body)
        return {
            "title": item.title,
            "summary": item.summary or "",
            "body": " ".join(body.split()),
            "url": item.get_absolute_url(),
            "visible_from": visible_from(item, spec),
        }


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def normalise_arabic(text: str) -> str:
    """The forms Arabic readers treat as one: alef variants, ta marbuta, alef maqsura;
    tatweel and short vowels dropped. Applied to pages and queries alike."""
    text = ARABIC_MARKS.sub("", text)
    return text.translate(ARABIC_LETTERS)


def engine_text(text: str, language: str) -> str:
    return normalise_arabic(text) if language == "ar" else text


def arabic_stems(text: str) -> str:
    """Normalised Arabic text as light stems ("والاحتيال" -> "احتيال"): what PostgreSQL's
    arabic configuration indexes and searches, since its own stemmer keeps the article
    glued to "و" and cuts "ب" off words such as "بيانات"."""
    return " ".join(arabic_stem(word) for word in _WORD.findall(normalise_arabic(text).lower()))


def without_accents(text: str) -> str:
    """ "Numéro" -> "Numero": queries arrive folded (faq.search.fold), so PostgreSQL must
    index the pages the same way, as SQLite's unicode61 tokenizer does."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def pg_text(text: str, language: str) -> str:
    """The text PostgreSQL's configuration for `language` indexes or searches."""
    return arabic_stems(text) if language == "ar" else without_accents(text)


def index_item(item) -> None:
    """Write (or rewrite) `item`'s entry and the engine's row for it."""
    spec = BY_MODEL[type(item)]
    entries = [
        SearchEntry.objects.update_or_create(
            kind=spec.kind,
            object_id=item.pk,
            language=language,
            defaults=entry_fields(item, spec, language),
        )[0]
        for language in languages()
    ]
    _write_engine_rows(entries)


def unindex_item(model: type, pk: int) -> None:
    spec = BY_MODEL[model]
    entries = list(SearchEntry.objects.filter(kind=spec.kind, object_id=pk))
    _delete_engine_rows(entries)
    SearchEntry.objects.filter(pk__in=[entry.pk for entry in entries]).delete()


def index_children(parent) -> None:
    """A topic's articles, a crime area's sub-areas: their visibility follows the parent's."""
    for spec in INDEXED:
        if spec.parent and isinstance(
            parent, spec.model._meta.get_field(spec.parent).related_model
        ):
            for child in spec.model.objects.filter(**{spec.parent: parent}).select_related(
                spec.parent
            ):
                index_item(child)


def rebuild_search_index() -> int:
    """Index every page from scratch; returns how many entries there are."""
    _delete_engine_rows(None)
    SearchEntry.objects.all().delete()
    entries = []
    for spec in INDEXED:
        query = spec.model.objects.all()
        if spec.parent:
            query = query.select_related(spec.parent)
        entries += [
            SearchEntry(
                kind=spec.kind,
                object_id=item.pk,
                language=language,
                **entry_fields(item, spec, language),
            )
            for item in query
            for language in languages()
        ]
    entries = SearchEntry.objects.bulk_create(entries)
    if connection.vendor != "postgresql":
        # SQLite returns no primary keys from bulk_create on older versions: read them back.
        entries = list(SearchEntry.objects.all())
    _write_engine_rows(entries)
    return len(entries)


def _write_engine_rows(entries: Sequence[SearchEntry]) -> None:
    if not entries:
        return
    if connection.vendor == "postgresql":
        for entry in entries:
            config = PG_CONFIGS[entry.language]

            def vector(text: str, weight: str, config=config, language=entry.language):
                return SearchVector(Value(pg_text(text, language)), weight=weight, config=config)

            SearchEntry.objects.filter(pk=entry.pk).update(
                document=vector(entry.title, "A")
                + vector(entry.summary, "B")
                + vector(entry.body, "C")
            )
        return
    _delete_engine_rows(entries)
    with connection.cursor() as cursor:
        for language, rows in _by_language(entries).items():
            cursor.executemany(
                f"INSERT INTO {FTS_TABLES[language]} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
                [
                    (
                        entry.pk,
                        engine_text(entry.title, language),
                        engine_text(entry.summary, language),
                        engine_text(entry.body, language),
                    )
                    for entry in rows
                ],
            )


def _by_language(entries: Iterable[SearchEntry]) -> dict[str, list[SearchEntry]]:
    grouped: dict[str, list[SearchEntry]] = {}
    for entry in entries:
        grouped.setdefault(entry.language, []).append(entry)
    return grouped


def _delete_engine_rows(entries: Iterable[SearchEntry] | None) -> None:
    """SQLite: delete the FTS rows of `entries`, or every row when None."""
    if connection.vendor == "postgresql":
        return  # the vector lives on the entry row itself
    with connection.cursor() as cursor:
        if entries is None:
            for table in FTS_TABLES.values():
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608
            return
        for language, rows in _by_language(entries).items():
            cursor.executemany(
                f"DELETE FROM {FTS_TABLES[language]} WHERE rowid = %s",  # noqa: S608
                [(entry.pk,) for entry in rows],
            )


def find(
    *,
    terms: Sequence[str],
    language: str,
    now: datetime,
    limit: int,
    forms: Sequence[str] = (),
) -> list[Hit]:
    """Pages matching any of `terms`, best first: one query on either engine.

    `forms` are the terms and the other forms of them the pages use (faq.search):
    SQLite searches them where its table does not stem (STEMMED_IN_PYTHON);
    PostgreSQL stems every language itself, so it searches the terms alone.
    """
    if not terms:
        return []
    if connection.vendor == "postgresql":
        return _find_postgres(terms, language=language, now=now, limit=limit)
    if language in STEMMED_IN_PYTHON and forms:
        terms = forms
    return _find_sqlite(terms, language=language, now=now, limit=limit)


def _fts_expression(terms: Sequence[str]) -> str:
    # Each term quoted, so FTS5 syntax in a visitor's words ("NEAR", "*", "-") is just text.
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _find_sqlite(terms, *, language, now, limit) -> list[Hit]:
    weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
    table = FTS_TABLES[language]
    sql = f"""
        SELECT e.kind, e.object_id, e.title, e.summary, e.url,
               snippet({table}, 2, %s, %s, '…', {SNIPPET_TOKENS}),
               bm25({table}, {weights}) AS rank
        FROM {table} JOIN faq_searchentry e ON e.id = {table}.rowid
        WHERE {table} MATCH %s AND e.language = %s
          AND e.visible_from IS NOT NULL AND e.visible_from <= %s
        ORDER BY rank
        LIMIT %s
    """  # noqa: S608 - every value is a parameter
    with connection.cursor() as cursor:
        moment = connection.ops.adapt_datetimefield_value(now)
        cursor.execute(sql, [MARK_START, MARK_END, _fts_expression(terms), language, moment, limit])
        rows = cursor.fetchall()
    return [
        Hit(kind, object_id, title, summary, url, snippet or "", -rank)
        for kind, object_id, title, summary, url, snippet, rank in rows
    ]


def _find_postgres(terms, *, language, now, limit) -> list[Hit]:
    config = PG_CONFIGS[language]
    query = SearchQuery(
        " or ".join(pg_text(term, language) for term in terms),
        search_type="websearch",
        config=config,
    )
    rows = (
        SearchEntry.objects.filter(language=language, visible_from__lte=now, document=query)
        .annotate(
            # Normalisation 1: rank / (1 + log(length)), so long pages do not win by length.
            score=SearchRank(F("document"), query, normalization=Value(1)),
            snippet=SearchHeadline(
                "body",
                query,
                config=config,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=SNIPPET_TOKENS,
                min_words=12,
            ),
        )
        .order_by("-score", "title")
        .values_list("kind", "object_id", "title", "summary", "url", "snippet", "score")[:limit]
    )
    return [Hit(*row) for row in rows]
