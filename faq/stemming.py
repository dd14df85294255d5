# ruff: noqa: RUF002, RUF003 - Arabic letters in the explanations are meant.
"""Word stems per language, so "payé", "payer" and "paye" are one word to search.

Applied to folded words (lower case, no accents, Arabic normalised: see
`faq.search.fold`), the same way to the pages' words and to a visitor's:

- English: a plural "s" dropped. The engines stem English themselves (FTS5's
  porter tokenizer, PostgreSQL's english configuration); this is only used to
  compare words in Python (typo correction, titles).
- French and Spanish: the Snowball stemmers, the same algorithms as
  PostgreSQL's french and spanish configurations.
- Arabic: a light stemmer (after Larkey, Ballesteros and Connell's "light10"):
  a leading "و" (and), then the article with any preposition or conjunction
  glued to it (ال، وال، بال، كال، فال، لل) and the common suffixes (ها، ان، ات،
  ون، ين، يه، ه، ي) and attached pronouns (هم، كم، نا، ك) are removed while three letters remain (four for ي and يه,
  so the adjective "رقمية", digital, does not become "رقم", number). So
  "والاحتيال" is "احتيال", "بالإنتربول" is "انتربول", "بياناتي" is "بيان". Snowball's Arabic stemmer leaves
  "والاحتيال" whole and turns "بيانات" into "يانا", so it is not used here.
"""

from functools import cache

import snowballstemmer

SNOWBALL_LANGUAGES = {"fr": "french", "es": "spanish"}
# Alef, lam, waw, beh, kaf, feh: escaped, since linters mistake some for Latin letters.
_AL = "\u0627\u0644"
_WAW = "\u0648"
ARABIC_ARTICLES = tuple(
    sorted(
        (
            _AL,  # ال
            _WAW + _AL,  # وال
            "\u0628" + _AL,  # بال
            "\u0643" + _AL,  # كال
            "\u0641" + _AL,  # فال
            "\u0644\u0644",  # لل
        ),
        key=len,
        reverse=True,
    )
)
ARABIC_MIN_STEM = 3
# Written as folded text has them (ta marbuta is heh, alef maqsura is yeh), each with
# the fewest letters that must remain.
ARABIC_SUFFIXES = (
    ("\u0647\u0627", ARABIC_MIN_STEM),  # ها
    ("\u0627\u0646", ARABIC_MIN_STEM),  # ان
    ("\u0627\u062a", ARABIC_MIN_STEM),  # ات
    ("\u0648\u0646", ARABIC_MIN_STEM),  # ون
    ("\u064a\u0646", ARABIC_MIN_STEM),  # ين
    ("\u064a\u0647", ARABIC_MIN_STEM + 1),  # يه (and ية once folded)
    ("\u0647\u0645", ARABIC_MIN_STEM),  # هم: their, them
    ("\u0643\u0645", ARABIC_MIN_STEM),  # كم: your (plural)
    ("\u0646\u0627", ARABIC_MIN_STEM),  # نا: our, us
    ("\u0643", ARABIC_MIN_STEM),  # ك: your
    ("\u0647", ARABIC_MIN_STEM),  # ه (and ة once folded)
    ("\u064a", ARABIC_MIN_STEM + 1),  # ي
)


def arabic_stem(word: str) -> str:
    """The light stem of a folded Arabic word; other words come back unchanged."""
    if word.startswith(_WAW) and len(word) > ARABIC_MIN_STEM + 1:
        word = word[1:]
    for article in ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= ARABIC_MIN_STEM - 1:
            word = word[len(article) :]
            break
    stripped = True
    while stripped:
        stripped = False
        for suffix, minimum in ARABIC_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= minimum:
                word = word[: -len(suffix)]
                stripped = True
                break
    return word


def english_root(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@cache
def _snowball(language: str):
    return snowballstemmer.stemmer(SNOWBALL_LANGUAGES[language])


def stem(word: str, language: str) -> str:
    """`word`'s stem in `language` (see the module's docstring)."""
    if language == "ar":
        return arabic_stem(word)
    if language in SNOWBALL_LANGUAGES:
        return _snowball(language).stemWord(word)
    return english_root(word)
