"""Finding warning signs in a pasted message: plain functions, no database, no HTTP.

A message and every detection phrase go through the same `normalise()`: case,
accents, Arabic letter forms (faq.search_index.normalise_arabic), other
scripts' digits, letters spaced out ("I N T E R P O L") and digits standing in
for letters ("1nterp0l"). Each normalised character remembers where it came
from, so a match can quote and highlight the visitor's own words.

Phrases match whole words: "arrest" does not fire on "arrested" unless the
phrase is written "arrest*". Arabic words may also carry the attached
prefixes (wa-, fa-, bi-, li-, ka-, al-) that are written as one word with them.

A rule may instead (or as well) have a regular expression, run with the
`regex` package and a time limit, and may name a built-in `detector` for the
links and email addresses in the message (look-alike domains, shortened links,
free-mail senders). The text is only ever held in memory while it is checked.
"""

import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from contact.validators import host_is_allowed
from faq.search_index import normalise_arabic

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 5000
# Seconds one staff-written expression may run on one message.
PATTERN_TIMEOUT = 0.05
# Letters the shortest prefix phrase ("arrest*") needs, so "a*" cannot fire everywhere.
MIN_PREFIX_CHARS = 3

# Digits that stand for letters inside a word: 1nterp0l, p0lice, fr4ud.
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
# A number with a short unit (24h, 48hrs, 100usd) or a short code (r500) is left as it is.
NUMBER_WITH_UNIT = re.compile(r"\d+[^\W\d_]{1,3}|[^\W\d_]{1,3}\d+")
MIXED_WORD = re.compile(r"[\w@$]*[^\W\d_][\w@$]*[\d@$][\w@$]*|[\w@$]*[\d@$][\w@$]*[^\W\d_][\w@$]*")
# Four or more single letters or digits with one separator between each: I N T E R P O L.
SPACED_OUT = re.compile(r"(?<![\w])\w(?:[ .\-_*·/]\w){3,}(?![\w])")
WORD = re.compile(r"\w+")
WORDISH = re.compile(r"[\w@$]+")
# Arabic clitics written joined to the next word: and, so, with, for, like; the article.
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
ARABIC_PREFIXES = ("\u0648", "\u0641", "\u0628", "\u0644", "\u0643")
ARABIC_ARTICLE = "\u0627\u0644"


# --- Normalising -------------------------------------------------------------------------


@dataclass(frozen=True)
class Normalised:
    """Folded text, and for each of its characters the index it came from in the original."""

    text: str
    origin: tuple[int, ...]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character without case, accents or Arabic variant forms; any digit as 0-9."""
    if char.isdigit() and not char.isascii():
        try:
            return str(unicodedata.decimal(char))
        except ValueError:
            return char
    decomposed = unicodedata.normalize("NFKD", char)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return normalise_arabic(bare.casefold())


def _join_spaced_out(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    text = "".join(chars)
    drop: set[int] = set()
    for match in SPACED_OUT.finditer(text):
        drop.update(range(match.start() + 1, match.end(), 2))
    if not drop:
        return chars, origin
    kept = [i for i in range(len(chars)) if i not in drop]
    return [chars[i] for i in kept], [origin[i] for i in kept]


def _unleet(match: re.Match) -> str:
    word = match.group()
    if word.isalpha() or word.isdigit() or not MIXED_WORD.fullmatch(word):
        return word
    if NUMBER_WITH_UNIT.fullmatch(word):
        return word
    return word.translate(LEET)


def normalise(text: str) -> Normalised:
    """`text` folded for matching; every step keeps track of the original positions."""
    pieces = [fold_char(char) for char in text]
    chars = list("".join(pieces))
    if len(chars) == len(text):  # the usual case: one character in, one out
        origin = list(range(len(text)))
    else:
        origin = [index for index, piece in enumerate(pieces) for _ in piece]
    chars, origin = _join_spaced_out(chars, origin)
    # Same length in and out, so the positions still hold.
    folded = WORDISH.sub(_unleet, "".join(chars))
    return Normalised(text=folded, origin=tuple(origin))


def fold(text: str) -> str:
    return normalise(text).text


# --- Rules -------------------------------------------------------------------------------


class Detector:
    """Built-in checks on the links and addresses in a message (WarningSign.detector)."""

    LOOKALIKE_DOMAIN = "lookalike_domain"
    SHORT_LINK = "short_link"
    FREE_MAIL = "free_mail"
    ALL = (LOOKALIKE_DOMAIN, SHORT_LINK, FREE_MAIL)


@dataclass(frozen=True)
class Rule:
    """What detects one warning sign: the same format the JSON export carries."""

    key: str
    phrases: tuple[str, ...] = ()
    pattern: str = ""
    detector: str = ""


@dataclass(frozen=True)
class PhraseWord:
    text: str
    prefix: bool  # written with a trailing "*": any word starting with it


def parse_phrase(phrase: str) -> tuple[PhraseWord, ...]:
    """A phrase as the words it must find, normalised like messages are."""
    words = []
    for raw in phrase.split():
        prefix = raw.endswith("*")
        for part in WORD.findall(fold(raw.rstrip("*"))):
            words.append(PhraseWord(part, False))
        if words and prefix:
            words[-1] = PhraseWord(words[-1].text, True)
    return tuple(words)


def phrase_problem(phrase: str) -> str:
    """Why `phrase` cannot be used, or ""."""
    words = parse_phrase(phrase)
    if not words:
        return "no letters or digits"
    short = [w.text for w in words if w.prefix and len(w.text) < MIN_PREFIX_CHARS]
    if short:
        return f"a word ending in * needs at least {MIN_PREFIX_CHARS} letters before the *"
    return ""


@dataclass
class CompiledRules:
    """Every rule's phrases indexed by their first word, and their expressions compiled."""

    rules: tuple[Rule, ...]
    exact: dict[str, list[tuple[str, tuple[PhraseWord, ...]]]] = field(default_factory=dict)
    prefix: dict[str, list[tuple[str, tuple[PhraseWord, ...]]]] = field(default_factory=dict)
    patterns: dict[str, regex.Pattern] = field(default_factory=dict)
    longest_prefix: int = 0


def compile_rules(rules: Iterable[Rule]) -> CompiledRules:
    """Index the rules once; a phrase or expression that cannot work is left out (staff
    cannot save one: WarningSign.clean() refuses it)."""
    compiled = CompiledRules(rules=tuple(rules))
    for rule in compiled.rules:
        for phrase in rule.phrases:
            if phrase_problem(phrase):
                continue
            words = parse_phrase(phrase)
            first = words[0]
            index = compiled.prefix if first.prefix else compiled.exact
            index.setdefault(first.text, []).append((rule.key, words))
            if first.prefix:
                compiled.longest_prefix = max(compiled.longest_prefix, len(first.text))
        if rule.pattern:
            try:
                compiled.patterns[rule.key] = regex.compile(rule.pattern, regex.IGNORECASE)
            except regex.error:
                logger.warning("Warning sign %s has an expression that does not compile", rule.key)
    return compiled


# --- Links and addresses -----------------------------------------------------------------

URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"'()\[\]]+")
EMAIL = re.compile(r"(?i)[\w.+-]+@((?:[a-z0-9-]+\.)+[a-z]{2,24})\b")
BARE_DOMAIN = re.compile(
    r"(?i)(?<![\w@.\-/])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})\b(?:/[^\s<>\"'()]*)?"
)
# "file.pdf" is a file name, not a web address.
FILE_ENDINGS = {"pdf", "doc", "docx", "jpg", "jpeg", "png", "gif", "zip", "txt", "xls", "xlsx"}
OFFICIAL_DOMAIN = "interpol.int"
SHORTENERS = {
    "bit.ly",
    "bitly.com",
    "tinyurl.com",
    "t.co",
    "goo.gl",
    "ow.ly",
    "is.gd",
    "v.gd",
    "buff.ly",
    "cutt.ly",
    "rebrand.ly",
    "shorturl.at",
    "tiny.cc",
    "rb.gy",
    "t.ly",
    "s.id",
    "shorte.st",
    "lnkd.in",
}
FREE_MAIL = {
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "yahoo.fr",
    "yahoo.es",
    "ymail.com",
    "hotmail.com",
    "hotmail.fr",
    "hotmail.es",
    "outlook.com",
    "outlook.fr",
    "outlook.es",
    "live.com",
    "live.fr",
    "msn.com",
    "aol.com",
    "icloud.com",
    "mail.com",
    "mail.ru",
    "yandex.com",
    "yandex.ru",
    "gmx.com",
    "gmx.net",
    "gmx.fr",
    "protonmail.com",
    "proton.me",
    "zoho.com",
    "laposte.net",
    "orange.fr",
    "qq.com",
    "163.com",
}
# Letters look-alike domains swap in: lnterpol, 1nterpol, interpo1, rn for m, vv for w.
SKELETON = str.maketrans({"l": "i", "1": "i", "!": "i", "|": "i", "0": "o", "3": "e", "5": "s"})


class LinkKind:
    OFFICIAL = "official"  # INTERPOL's real domain or the site's official list
    LOOKALIKE = "lookalike"
    SHORT = "short"
    OTHER = "other"


@dataclass(frozen=True)
class Link:
    """A web or email address in the message, shown as text, never as a link."""

    text: str
    host: str
    start: int
    end: int
    kind: str
    is_email: bool = False
    free_mail: bool = False

    @property
    def is_interpol(self) -> bool:
        return host_is_allowed(host=self.host, allowed_domains=[OFFICIAL_DOMAIN])


def skeleton(host: str) -> str:
    return host.lower().replace("rn", "m").replace("vv", "w").translate(SKELETON)


def _distance(a: str, b: str, *, limit: int) -> int:
    """Levenshtein distance, stopping early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def is_lookalike(host: str, *, official_domains: Sequence[str]) -> bool:
    """A host that is not official but reads like INTERPOL's or an official domain."""
    if host_is_allowed(host=host, allowed_domains=official_domains):
        return False
    shape = skeleton(host)
    if "interpol" in shape.replace("-", "").replace(".", ""):
        return True
    labels = re.split(r"[.\-]", shape)
    if any(_distance(label, "interpol", limit=2) <= 2 for label in labels if len(label) >= 6):
        return True
    return any(
        0 < _distance(host, domain.lower(), limit=2) <= 2
        for domain in official_domains
        if len(domain) >= 8
    )


def _host_of(url: str) -> str:
    rest = re.sub(r"(?i)^https?://", "", url)
    host = re.split(r"[/?#:]", rest, maxsplit=1)[0]
    return host.rsplit("@", 1)[-1].lower().rstrip(".")


def find_links(*, text: str, official_domains: Sequence[str]) -> list[Link]:
    """Every web address, bare domain and email address, in the order they appear."""
    found: list[Link] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(start: int, end: int, host: str, *, is_email: bool = False) -> None:
        display = text[start:end].rstrip(".,;:!?")
        end = start + len(display)
        if not host or not free(start, end):
            return
        if host in SHORTENERS:
            kind = LinkKind.SHORT
        elif host_is_allowed(host=host, allowed_domains=official_domains):
            kind = LinkKind.OFFICIAL
        elif is_lookalike(host, official_domains=official_domains):
            kind = LinkKind.LOOKALIKE
        else:
            kind = LinkKind.OTHER
        taken.append((start, end))
        found.append(
            Link(
                text=display,
                host=host,
                start=start,
                end=end,
                kind=kind,
                is_email=is_email,
                free_mail=is_email and host in FREE_MAIL,
            )
        )

    for match in EMAIL.finditer(text):
        add(match.start(), match.end(), match.group(1).lower(), is_email=True)
    for match in URL.finditer(text):
        add(match.start(), match.end(), _host_of(match.group()))
    for match in BARE_DOMAIN.finditer(text):
        host = match.group(1).lower()
        if host.rsplit(".", 1)[-1] in FILE_ENDINGS:
            continue
        add(match.start(), match.end(), host)
    return sorted(found, key=lambda link: link.start)


def detector_fires(detector: str, link: Link) -> bool:
    if detector == Detector.LOOKALIKE_DOMAIN:
        return link.kind == LinkKind.LOOKALIKE
    if detector == Detector.SHORT_LINK:
        return link.kind == LinkKind.SHORT
    if detector == Detector.FREE_MAIL:
        return link.free_mail
    return False


# --- Checking a message ------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A rule that fired, and where: spans in the original text, in order."""

    key: str
    spans: tuple[tuple[int, int], ...]

    def quotes(self, text: str, *, limit: int = 3) -> list[str]:
        seen: list[str] = []
        for start, end in self.spans:
            quote = text[start:end]
            if quote.casefold() not in (q.casefold() for q in seen):
                seen.append(quote)
        return seen[:limit]


@dataclass(frozen=True)
class Segment:
    text: str
    keys: tuple[str, ...] = ()  # the rules that marked this stretch; () = not marked


@dataclass(frozen=True)
class Report:
    text: str
    findings: tuple[Finding, ...]
    links: tuple[Link, ...]

    @property
    def keys(self) -> list[str]:
        return [finding.key for finding in self.findings]

    def segments(self) -> list[Segment]:
        """The message cut where highlights start and stop, for the template to mark."""
        marks: list[set[str]] = [set() for _ in self.text]
        for finding in self.findings:
            for start, end in finding.spans:
                for index in range(start, end):
                    marks[index].add(finding.key)
        segments: list[Segment] = []
        start = 0
        for index in range(1, len(self.text) + 1):
            if index == len(self.text) or marks[index] != marks[start]:
                keys = tuple(sorted(marks[start]))
                segments.append(Segment(self.text[start:index], keys))
                start = index
        return segments


def _word_forms(word: str) -> list[str]:
    """The word, and for Arabic the word without the prefixes written joined to it."""
    forms = [word]
    if not ARABIC_LETTER.match(word):
        return forms
    stem = word
    for _ in range(2):
        if len(stem) >= 3 and stem.startswith(ARABIC_PREFIXES):
            stem = stem[1:]
            forms.append(stem)
    for candidate in list(forms):
        if len(candidate) > 4 and candidate.startswith(ARABIC_ARTICLE):
            forms.append(candidate[2:])
    return forms


def _word_matches(token: str, word: PhraseWord) -> bool:
    for form in _word_forms(token):
        if form == word.text or (word.prefix and form.startswith(word.text)):
            return True
    return False


def _phrase_spans(
    compiled: CompiledRules, tokens: list[tuple[str, int, int]]
) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for position, (token, start, _end) in enumerate(tokens):
        candidates = []
        for form in _word_forms(token):
            candidates += compiled.exact.get(form, [])
            for length in range(MIN_PREFIX_CHARS, min(len(form), compiled.longest_prefix) + 1):
                candidates += compiled.prefix.get(form[:length], [])
        for key, words in candidates:
            last = position + len(words) - 1
            if last >= len(tokens):
                continue
            if all(_word_matches(tokens[position + i][0], w) for i, w in enumerate(words[1:], 1)):
                spans.setdefault(key, []).append((start, tokens[last][2]))
    return spans


def _pattern_spans(compiled: CompiledRules, folded: str) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for key, pattern in compiled.patterns.items():
        try:
            for match in pattern.finditer(folded, timeout=PATTERN_TIMEOUT):
                if match.end() > match.start():
                    spans.setdefault(key, []).append(match.span())
        except TimeoutError:
            # The rule's key only: the message itself is never logged.
            logger.warning("Warning sign %s took too long and was skipped", key)
    return spans


def merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Overlapping or touching spans as one: "Pay" inside "Pay the fine" is one quote."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


def check_message(*, text: str, compiled: CompiledRules, official_domains: Sequence[str]) -> Report:
    """Every rule that fires on `text`, in the order the rules are given."""
    normalised = normalise(text)
    tokens = [(m.group(), m.start(), m.end()) for m in WORD.finditer(normalised.text)]
    found: dict[str, list[tuple[int, int]]] = {}
    for source in (_phrase_spans(compiled, tokens), _pattern_spans(compiled, normalised.text)):
        for key, spans in source.items():
            found.setdefault(key, []).extend(
                normalised.original_span(start, end) for start, end in spans
            )
    links = find_links(text=text, official_domains=official_domains)
    for rule in compiled.rules:
        if rule.detector:
            spans = [
                (link.start, link.end) for link in links if detector_fires(rule.detector, link)
            ]
            if spans:
                found.setdefault(rule.key, []).extend(spans)
    findings = tuple(
        Finding(key=rule.key, spans=merge_spans(found[rule.key]))
        for rule in compiled.rules
        if rule.key in found
    )
    return Report(text=text, findings=findings, links=tuple(links))


# --- Checks on what staff write ----------------------------------------------------------

# Strings that make a badly written expression backtrack for a very long time.
ADVERSARIAL = (
    "a" * 3000 + "!",
    "1" * 3000 + "x",
    " " * 3000 + "x",
    "ab" * 1500 + "!",
    "interpol " * 300 + "!",
    "a-" * 1500 + "!",
    "\u0627" * 3000 + "!",
)
TRIAL_TIMEOUT = 0.2


def _has_nested_quantifier(items, inside_repeat: bool = False) -> bool:
    """Whether a repeat of more than a few items sits inside another: (a+)+, (\\w+\\s?)*."""
    from re import _constants as c  # Python's own parser gives the tree of the expression

    repeats = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
    for op, value in items:
        children = []
        repeat = inside_repeat
        if op in repeats:
            _low, high, sub = value
            large = high == c.MAXREPEAT or high > 10
            if inside_repeat and large:
                return True
            children, repeat = [sub], inside_repeat or large
        elif op == c.SUBPATTERN:
            children = [value[-1]]
        elif op == c.BRANCH:
            children = list(value[1])
        elif op in (c.ASSERT, c.ASSERT_NOT):
            children = [value[1]]
        if any(_has_nested_quantifier(child, repeat) for child in children):
            return True
    return False


def pattern_problem(pattern: str) -> str:
    """Why staff cannot save `pattern`, or "" when it compiles and runs fast."""
    from re import _parser as parser

    try:
        compiled = regex.compile(pattern, regex.IGNORECASE)
    except regex.error as error:
        return f"it is not a valid expression ({error})"
    try:
        tree = parser.parse(pattern)
    except re.error:
        return "it uses syntax this site does not accept; keep to plain expressions"
    if _has_nested_quantifier(tree):
        return (
            "it repeats something that itself repeats, like (a+)+, which can take minutes "
            "on some messages; rewrite it without the outer repeat"
        )
    if compiled.search("", timeout=TRIAL_TIMEOUT) is not None:
        return "it matches an empty message, so it would fire on every message"
    for trial in ADVERSARIAL:
        try:
            compiled.search(trial, timeout=TRIAL_TIMEOUT)
        except TimeoutError:
            return "it takes too long on long repeated text; make it simpler"
    return ""
