"""Site search: the one entry point is `search()`.

On PostgreSQL it uses full-text search (title weighted above summary above
body), `ts_headline` snippets and pg_trgm word similarity, so misspelt words
("interpole", "red notise") still find pages. Elsewhere (SQLite in
development and tests) a small ranked search in Python looks at the same
fields and corrects typos against the words of titles and summaries.

Every query is logged anonymously: normalised text cut to 100 characters, the
number of results and the day. Nothing about the visitor is kept.
"""

import difflib
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import reduce
from operator import or_

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.core.cache import cache
from django.db import connection
from django.db.models import F, FloatField, Q, TextField, Value
from django.db.models.functions import Concat, Greatest
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from faq.models import Article, CrimeArea, ScamType, SearchLog
from interpolinfo.counting import count_up
from interpolinfo.markdown import highlight_snippet, html_to_text

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
LOGGED_QUERY_CHARS = 100
# Search words are anonymous, and still kept no longer than this (the privacy page says so).
SEARCH_LOG_KEEP_DAYS = 90
DEFAULT_LIMIT = 20
SEARCH_CONFIG = "english"
# pg_trgm word similarity from which a misspelt word counts as a match.
TRIGRAM_THRESHOLD = 0.4
SNIPPET_CHARS = 200
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class SearchSpec:
    """One kind of page: every kind has `title` and `summary`; the body fields differ."""

    model: type
    kind: str
    label: str
    body: tuple[str, ...]


SPECS = (
    SearchSpec(Article, "article", _("Question"), ("body_html",)),
    SearchSpec(
        CrimeArea,
        "crimearea",
        _("Crime area"),
        ("interpol_role_html", "public_action_html"),
    ),
    SearchSpec(
        ScamType,
        "scamtype",
        _("Scam"),
        ("how_it_works_html", "warning_signs", "what_to_do_html", "if_already_paid_html"),
    ),
)


@dataclass(frozen=True)
class SearchResult:
    kind: str
    label: str
    title: str
    url: str
    summary: str
    snippet: str  # sanitized HTML: text with <mark> around matched words
    score: float


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    results: list[SearchResult] = field(default_factory=list)
    shortened: bool = False

    @property
    def is_empty_query(self) -> bool:
        return not self.query


def normalise_query(text: str) -> str:
    """Fold case and Unicode forms, drop control characters, squeeze spaces."""
    text = unicodedata.normalize("NFKC", text or "")[: MAX_QUERY_CHARS * 4]
    text = "".join(
        char if unicodedata.category(char)[0] != "C" else " " for char in text.casefold()
    )
    return " ".join(text.split())


def query_terms(normalised: str) -> list[str]:
    terms = []
    for word in _WORD.findall(normalised):
        if word not in terms and (len(word) > 1 or word.isdigit()):
            terms.append(word)
    return terms[:MAX_TERMS]


def search(*, query: str, limit: int = DEFAULT_LIMIT, log: bool = True) -> SearchOutcome:
    """Find published articles, crime areas and scam types matching `query`."""
    normalised = normalise_query(query)
    shortened = len(normalised) > MAX_QUERY_CHARS
    normalised = normalised[:MAX_QUERY_CHARS].strip()
    terms = query_terms(normalised)
    if not terms:
        return SearchOutcome(query=normalised, shortened=shortened)

    find = _search_postgres if connection.vendor == "postgresql" else _search_python
    results = sorted(
        (result for spec in SPECS for result in find(spec, terms, limit)),
        key=lambda result: result.score,
        reverse=True,
    )[:limit]
    if log:
        log_search(query=normalised, result_count=len(results))
    return SearchOutcome(query=normalised, results=results, shortened=shortened)


def purge_old_search_logs(*, keep_days: int = SEARCH_LOG_KEEP_DAYS) -> int:
    """Delete search words older than `keep_days`; returns how many rows went."""
    cutoff = timezone.localdate() - timedelta(days=keep_days)
    deleted, _detail = SearchLog.objects.filter(date__lt=cutoff).delete()
    return deleted


def purge_search_logs_once_a_day() -> None:
    """Purge without cron: the first search of each day (per shared cache) does it.

    `cache.add` succeeds for one caller only, so the delete runs at most once a
    day however many instances serve searches; a cache that is down skips it.
    """
    try:
        first_today = cache.add(f"search-log-purge:{timezone.localdate()}", 1, 60 * 60 * 24)
    except Exception:
        logger.warning("Cache unavailable; old search words are purged another day", exc_info=True)
        return
    if first_today:
        purge_old_search_logs()


def log_search(*, query: str, result_count: int) -> None:
    """Count one search of `query` today; one row per query and day."""
    purge_search_logs_once_a_day()
    count_up(
        SearchLog,
        match={"query": query[:LOGGED_QUERY_CHARS], "date": timezone.localdate()},
        add={"hits": 1},
        replace={"result_count": result_count},
    )


def _result(spec: SearchSpec, item, snippet: str, score: float) -> SearchResult:
    return SearchResult(
        kind=spec.kind,
        label=str(spec.label),
        title=item.title,
        url=item.get_absolute_url(),
        summary=item.summary,
        snippet=snippet,
        score=score,
    )


def _search_postgres(spec: SearchSpec, terms: Sequence[str], limit: int) -> list[SearchResult]:
    vector = (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector(*spec.body, weight="C", config=SEARCH_CONFIG)
    )
    text_query = reduce(or_, (SearchQuery(term, config=SEARCH_CONFIG) for term in terms))
    similarities = [TrigramWordSimilarity(term, "title") for term in terms if len(term) >= 4] or [
        Value(0.0)
    ]
    similarity = (
        similarities[0]
        if len(similarities) == 1
        else Greatest(*similarities, output_field=FloatField())
    )
    body = Concat(*_interleave_spaces(spec.body), output_field=TextField())
    rows = (
        spec.model.objects.published()
        .annotate(
            document=vector,
            similarity=similarity,
            score=SearchRank(vector, text_query) + F("similarity"),
            headline=SearchHeadline(
                body,
                text_query,
                config=SEARCH_CONFIG,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=30,
                min_words=12,
            ),
        )
        .filter(Q(document=text_query) | Q(similarity__gte=TRIGRAM_THRESHOLD))
        .order_by("-score")[:limit]
    )
    # The headline is cut from sanitized HTML; the second pass leaves only text
    # and the <mark> tags added around matched words.
    return [_result(spec, row, highlight_snippet(row.headline), row.score) for row in rows]


def _interleave_spaces(fields: Sequence[str]) -> list:
    parts: list = []
    for name in fields:
        if parts:
            parts.append(Value(" "))
        parts.append(F(name))
    return parts if len(parts) > 1 else [*parts, Value("")]


def _words(text: str) -> list[str]:
    return [_stem(word) for word in _WORD.findall(text.casefold())]


def _stem(word: str) -> str:
    """A very small English stemmer, enough to match "notices" with "notice"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _search_python(spec: SearchSpec, terms: Sequence[str], limit: int) -> list[SearchResult]:
    items = list(spec.model.objects.published())
    documents = []
    vocabulary: set[str] = set()
    for item in items:
        title = _words(item.title)
        summary = _words(item.summary)
        body_text = " ".join(html_to_text(getattr(item, name)) for name in spec.body)
        documents.append((item, title, summary, _words(body_text), body_text))
        vocabulary.update(title, summary)

    wanted: list[tuple[str, float]] = []
    for term in (_stem(term) for term in terms):
        wanted.append((term, 1.0))
        if term not in vocabulary and len(term) >= 4:
            wanted.extend(
                (match, 0.8)
                for match in difflib.get_close_matches(term, vocabulary, n=2, cutoff=0.75)
            )

    scored = []
    for item, title, summary, body, body_text in documents:
        score = sum(
            weight
            * (1.0 * (term in title) + 0.4 * (term in summary) + 0.1 * min(body.count(term), 3))
            for term, weight in wanted
        )
        if score > 0:
            matched = [term for term, _weight in wanted]
            scored.append(_result(spec, item, _python_snippet(body_text, matched), score))
    scored.sort(key=lambda result: result.score, reverse=True)
    return scored[:limit]


def _python_snippet(text: str, terms: Sequence[str]) -> str:
    lowered = text.casefold()
    positions = [lowered.find(term) for term in terms if lowered.find(term) >= 0]
    start = max(min(positions) - SNIPPET_CHARS // 3, 0) if positions else 0
    excerpt = text[start : start + SNIPPET_CHARS]
    if start:
        excerpt = "…" + excerpt.split(" ", 1)[-1]
    if start + SNIPPET_CHARS < len(text):
        excerpt = excerpt.rsplit(" ", 1)[0] + "…"
    # The lookbehind keeps a term such as "amp" out of the entities of escaped text.
    pattern = re.compile(
        "(?<![&#])(" + "|".join(re.escape(escape(term)) for term in terms) + ")", re.IGNORECASE
    )
    return highlight_snippet(pattern.sub(r"<mark>\1</mark>", escape(excerpt)))
