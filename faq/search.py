"""Site search: the one entry point is `search()`.

A visitor's words become a list of search terms here, the same way on both
engines: case, accents and Unicode forms folded; stop words dropped; staff-
edited synonyms of the visitor's language added ("get off" also searches
"delete data ccf"; a phrase of several words is searched by its meaning only);
a word no page uses, in no form, corrected to the closest one that does
("interpole" → "interpol", shown as "did you mean"); and a word most pages
contain ("interpol") dropped when other words remain, since it cannot tell pages
apart. Words are compared by their stems in each language (`faq.stemming`); where
the engine does not stem (SQLite in French, Spanish, Arabic) each term brings
the pages' other forms of it. The engines in `faq.search_index` then match any
of the terms and rank the pages (bm25 on SQLite's FTS5, length-normalised
ts_rank on PostgreSQL; titles weigh most).

Every query is logged anonymously: normalised text cut to 100 characters, the
number of results and the day. Nothing about the visitor is kept.
"""

import difflib
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.core.cache import cache
from django.db.models import Sum
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from faq.models import Article, SearchEntry, SearchLog, Synonym
from faq.search_index import MARK_END, MARK_START, STEMMED_IN_PYTHON, find, normalise_arabic
from faq.stemming import stem
from interpolinfo.counting import count_up
from interpolinfo.markdown import highlight_snippet
from interpolinfo.version_memo import remember

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 200
MAX_TERMS = 12
LOGGED_QUERY_CHARS = 100
# Search words are anonymous, and still kept no longer than this (the privacy page says so).
SEARCH_LOG_KEEP_DAYS = 90
DEFAULT_LIMIT = 20
# A word in more than this share of pages cannot tell them apart; dropped if others remain.
COMMON_WORD_SHARE = 0.8
# Candidates the engine returns before titles are weighed in (see `rerank`).
CANDIDATES = 30
# How much a title made of the visitor's own words adds to a normalised engine score.
TITLE_WEIGHT = 0.6
# How close a misspelt word must be to a word of the pages to be corrected (difflib ratio).
CORRECTION_CUTOFF = 0.8
# Short words need a closer match: one changed letter in five ("mande" -> "madre") is
# another word more often than a typo.
SHORT_WORD = 5
SHORT_WORD_CUTOFF = 0.85
# And a typo is one slip (a letter added, dropped or changed) in a word of up to six
# letters, two in a longer one: "prison" is not a misspelt "raison".
SLIPS_IN_LONG_WORDS = 2
LONG_WORD = 7
# Words shorter than this are never corrected; Arabic packs articles, prepositions and
# pronouns into its words, so one letter more or less is usually another word ("الدول",
# the countries, is not a misspelt "الدخول", the entry).
MIN_CORRECTED = {"ar": 6}
MIN_CORRECTED_DEFAULT = 4
# Where the engine does not stem (see faq.search_index), each term also searches the
# pages' words with the same stem, the most common first, this many at most: bm25 counts
# each form apart, so more forms would let a page full of forms of one word outrank
# pages matching more of the visitor's words.
FORMS_PER_TERM = 4
_WORD = re.compile(r"\w+")

# Words that carry no meaning for finding a page. PostgreSQL's english configuration
# drops its own; this list makes SQLite behave the same and keeps the logic in one place.
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "after",
        "again",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "just",
        "me",
        "more",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "our",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "im",
        "ive",
        "dont",
        "cant",
        "know",
        "someone",
        "say",
        "says",
        "saying",
        "said",
        "tell",
        "told",
        "want",
        "wants",
        "talk",
        "like",
        "please",
        "also",
    ]
)

# The same idea in the other languages: words that appear in any question.
OTHER_STOP_WORDS = {
    "fr": [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "cette",
        "comment",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "est",
        "et",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "mes",
        "mon",
        "ne",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "quoi",
        "sa",
        "se",
        "ses",
        "son",
        "sont",
        "sur",
        "ta",
        "te",
        "tes",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "ai",
        "as",
        "avez",
        "suis",
        "était",
        "quand",
        "est-ce",
        "cest",
        "jai",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "dois",
        "peut",
        "puis",
        "faire",
        "exactement",
        "vraiment",
        "dit",
        "dire",
        "disant",
        "vais",
        "va",
        "vont",
        "être",
        "quelqu",
        "veux",
    ],
    "es": [
        "a",
        "al",
        "como",
        "con",
        "cual",
        "cuando",
        "de",
        "del",
        "donde",
        "el",
        "ella",
        "ellos",
        "en",
        "es",
        "esta",
        "este",
        "esto",
        "ha",
        "han",
        "hay",
        "la",
        "las",
        "le",
        "les",
        "lo",
        "los",
        "me",
        "mi",
        "mis",
        "no",
        "nos",
        "o",
        "para",
        "pero",
        "por",
        "que",
        "qué",
        "quien",
        "se",
        "sea",
        "si",
        "sin",
        "su",
        "sus",
        "te",
        "tengo",
        "tiene",
        "tu",
        "un",
        "una",
        "unos",
        "uy",
        "y",
        "ya",
        "yo",
        "usted",
        "ustedes",
        "puedo",
        "debo",
        "hacer",
        "cómo",
        "exactamente",
        "realmente",
        "diciendo",
        "dice",
        "dicen",
        "dijo",
        "decir",
        "alguien",
        "quiero",
        "voy",
        "va",
        "van",
        "estoy",
        "soy",
    ],
    "ar": [
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "مع",
        "هل",
        "ما",
        "ماذا",
        "كيف",
        "لماذا",
        "أن",
        "ان",
        "إن",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "هو",
        "هي",
        "انا",
        "أنا",
        "نحن",
        "أنت",
        "انت",
        "لي",
        "لك",
        "له",
        "لها",
        "كان",
        "يكون",
        "قد",
        "لا",
        "لم",
        "لن",
        "أو",
        "او",
        "ثم",
        "التي",
        "الذي",
        "و",
        "يا",
        "عند",
        "أين",
        "اين",
        "مني",
        "بالضبط",
        "يقول",
        "يقولون",
        "قال",
        "قالوا",
        "تقول",
        "انه",
        "أنه",
        "إنه",
        "بي",
        "أريد",
        "اريد",
    ],
}


def stop_words(language: str) -> frozenset[str]:
    if language in OTHER_STOP_WORDS:
        return frozenset(fold(word) for word in OTHER_STOP_WORDS[language])
    return STOP_WORDS


KIND_LABELS = {
    "article": _("Question"),
    "crimearea": _("Crime area"),
    "scamtype": _("Scam"),
}


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
    did_you_mean: str = ""  # the query with misspelt words corrected, when any were
    popular: list = field(default_factory=list)  # shown when nothing matched

    @property
    def is_empty_query(self) -> bool:
        return not self.query


@dataclass(frozen=True)
class Vocabulary:
    """Every word of the visible pages in one language, in how many pages each
    appears, and the words each stem stands for."""

    frequency: dict[str, int]
    pages: int
    language: str = "en"
    forms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # most common first


@dataclass(frozen=True)
class QueryPlan:
    terms: list[str]
    did_you_mean: str = ""
    words: tuple[str, ...] = ()  # the visitor's meaningful words, corrected, and their synonyms
    forms: list[str] = field(default_factory=list)  # the terms and the pages' other forms of them


def fold(text: str) -> str:
    """Lower case without accents: "Côte" -> "cote"; Arabic without short vowels or
    tatweel and with one form of alef, ta marbuta and alef maqsura (as indexed)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return normalise_arabic(unicodedata.normalize("NFC", plain))


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


def read_vocabulary(language: str = "en") -> Vocabulary:
    visible = SearchEntry.objects.filter(visible_from__lte=timezone.now(), language=language)
    return vocabulary_of(
        [
            set(_WORD.findall(fold(f"{title} {summary} {body}")))
            for title, summary, body in visible.values_list("title", "summary", "body")
        ],
        language=language,
    )


def vocabulary_of(pages: list[set[str]], *, language: str) -> Vocabulary:
    """The vocabulary of `pages` (each page's set of folded words), stems worked out once."""
    frequency: Counter[str] = Counter()
    for words in pages:
        frequency.update(words)
    forms: dict[str, list[str]] = {}
    for word in sorted(frequency, key=lambda word: (-frequency[word], word)):
        forms.setdefault(stem(word, language), []).append(word)
    return Vocabulary(
        dict(frequency), len(pages), language, {root: tuple(words) for root, words in forms.items()}
    )


def read_synonyms(language: str = "en") -> list[tuple[str, list[str]]]:
    rows = Synonym.objects.filter(language=language).values_list("phrase", "means")
    return [(fold(phrase), _WORD.findall(fold(means))) for phrase, means in rows]


def correct(word: str, vocabulary: Vocabulary) -> str:
    """`word` itself if the pages use it or another form of it (same stem), else the
    closest word the pages use."""
    known = vocabulary.frequency
    minimum = MIN_CORRECTED.get(vocabulary.language, MIN_CORRECTED_DEFAULT)
    if word in known or len(word) < minimum or word.isdigit():
        return word
    for variant in (word.removesuffix("s"), word + "s", word.removesuffix("es")):
        if variant in known:
            return word
    if stem(word, vocabulary.language) in vocabulary.forms:
        return word
    cutoff = SHORT_WORD_CUTOFF if len(word) <= SHORT_WORD else CORRECTION_CUTOFF
    slips = SLIPS_IN_LONG_WORDS if len(word) >= LONG_WORD else 1
    for close in difflib.get_close_matches(word, known.keys(), n=5, cutoff=cutoff):
        if edit_distance(word, close) <= slips:
            return close
    return word


def edit_distance(first: str, second: str) -> int:
    """Letters to add, drop or change to turn `first` into `second` (Levenshtein)."""
    previous = list(range(len(second) + 1))
    for row, letter in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(
                min(previous[column] + 1, current[-1] + 1, previous[column - 1] + (letter != other))
            )
        previous = current
    return previous[-1]


def forms_of(term: str, vocabulary: Vocabulary) -> list[str]:
    """`term` and the pages' words sharing its stem, where the engine does not stem."""
    if vocabulary.language not in STEMMED_IN_PYTHON:
        return [term]
    forms = vocabulary.forms.get(stem(term, vocabulary.language), ())[:FORMS_PER_TERM]
    return [term, *(form for form in forms if form != term)]


def plan_query(
    normalised: str,
    *,
    vocabulary: Vocabulary,
    synonyms: list[tuple[str, list[str]]],
    language: str = "en",
) -> QueryPlan:
    """The terms to search for `normalised` (see the module's docstring)."""
    text = fold(normalised)
    ignored = stop_words(language)
    words = [word for word in query_terms(text) if word not in ignored]
    matched = [
        (phrase, means)
        for phrase, means in synonyms
        if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)
    ]
    named = {word for phrase, _means in matched for word in _WORD.findall(phrase)}
    # A word a synonym names is a word visitors use, not a typo.
    corrected = [word if word in named else correct(word, vocabulary) for word in words]
    extra = [meaning for _phrase, means in matched for meaning in means]
    # A phrase of several words ("phone number") is an idiom: searched by its meaning
    # only, since its words alone ("phone") lead elsewhere.
    idioms = {
        word
        for phrase, _means in matched
        if len(phrase_words := _WORD.findall(phrase)) > 1
        for word in phrase_words
    }
    kept = [fixed for word, fixed in zip(words, corrected, strict=True) if word not in idioms]
    terms: list[str] = []
    for term in [*kept, *extra]:
        if term not in terms:
            terms.append(term)
    if vocabulary.pages:
        limit = COMMON_WORD_SHARE * vocabulary.pages
        telling = [term for term in terms if vocabulary.frequency.get(term, 0) <= limit]
        terms = telling or terms
    did_you_mean = ""
    if corrected != words:
        fixes = dict(zip(words, corrected, strict=True))
        did_you_mean = " ".join(fixes.get(word, word) for word in text.split())
    searched: list[str] = []
    for term in terms[:MAX_TERMS]:
        searched += [form for form in forms_of(term, vocabulary) if form not in searched]
    return QueryPlan(terms[:MAX_TERMS], did_you_mean, (*kept, *extra), searched)


def title_coverage(title: str, words: tuple[str, ...], *, language: str = "en") -> float:
    """Share of a title's meaningful words the visitor typed (any form of them): 1.0
    for "what is interpol" against "What is INTERPOL?"."""
    ignored = stop_words(language)
    title_words = {
        stem(word, language)
        for word in _WORD.findall(fold(title))
        if len(word) > 1 and word not in ignored
    }
    if not title_words:
        return 0.0
    typed = {stem(word, language) for word in words}
    return len(title_words & typed) / len(title_words)


def rerank(hits: list, words: tuple[str, ...], *, language: str = "en") -> list:
    """Engine order, with a title that is the visitor's question moved up.

    Engine scores are scaled to 0..1 first (bm25 and ts_rank differ in scale),
    so the title weighs the same on both engines.
    """
    if not hits:
        return hits
    best = max(hit.score for hit in hits) or 1.0
    scored = [
        (
            hit.score / best + TITLE_WEIGHT * title_coverage(hit.title, words, language=language),
            position,
            hit,
        )
        for position, hit in enumerate(hits)
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [hit for _score, _position, hit in scored]


def popular_pages(limit: int = 5) -> list[Article]:
    """The articles visitors found most helpful: offered when a search finds nothing."""
    return list(
        Article.objects.published()
        .annotate(votes=Sum("feedback__helpful"))
        .order_by("-votes", "order", "title")[:limit]
    )


def search(*, query: str, limit: int = DEFAULT_LIMIT, log: bool = True) -> SearchOutcome:
    """Find published articles, crime areas and scam types matching `query`."""
    normalised = normalise_query(query)
    shortened = len(normalised) > MAX_QUERY_CHARS
    normalised = normalised[:MAX_QUERY_CHARS].strip()
    if not query_terms(normalised):
        return SearchOutcome(query=normalised, shortened=shortened)
    language = get_language()

    plan = plan_query(
        normalised,
        vocabulary=remember(("search-vocabulary", language), partial(read_vocabulary, language)),
        synonyms=remember(("search-synonyms", language), partial(read_synonyms, language)),
        language=language,
    )
    hits = find(
        terms=plan.terms,
        forms=plan.forms,
        language=language,
        now=timezone.now(),
        limit=max(limit, CANDIDATES),
    )
    hits = rerank(hits, plan.words, language=language)[:limit]
    results = [
        SearchResult(
            kind=hit.kind,
            label=str(KIND_LABELS.get(hit.kind, "")),
            title=hit.title,
            url=hit.url,
            summary=hit.summary,
            snippet=marked_snippet(hit.snippet),
            score=hit.score,
        )
        for hit in hits
    ]
    if log:
        log_search(query=normalised, result_count=len(results))
    popular = [] if results else remember(("search-popular", language), popular_pages)
    return SearchOutcome(
        query=normalised,
        results=results,
        shortened=shortened,
        did_you_mean=plan.did_you_mean,
        popular=popular,
    )


def marked_snippet(text: str) -> str:
    """Engine snippet (plain text with markers) as safe HTML with <mark> around matches."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return highlight_snippet(html)


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
