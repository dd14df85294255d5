"""The rules as JSON, for the in-browser matcher (checker/static/checker/matcher.js).

One rule format for both matchers: `Rule` (key, phrases, pattern, detector), plus
the tables the folding and link checks use, taken from the Python matcher itself
so the two cannot drift apart. tests/checker/test_js_matcher.py runs both over the
same examples.
"""

from collections.abc import Iterable, Sequence

from checker import matching
from checker.matching import Rule
from faq.search_index import ARABIC_LETTERS, ARABIC_MARKS

FORMAT_VERSION = 1
# Other scripts' digits the browser folds to 0-9 (Python folds every script's).
DIGIT_ZEROS = (0x0660, 0x06F0, 0x0966, 0x09E6)


def rules_document(*, rules: Iterable[Rule], official_domains: Sequence[str]) -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "rules": [
            {
                "key": rule.key,
                "phrases": list(rule.phrases),
                "pattern": rule.pattern,
                "detector": rule.detector,
            }
            for rule in rules
        ],
        "official_domains": list(official_domains),
        "official_domain": matching.OFFICIAL_DOMAIN,
        "shorteners": sorted(matching.SHORTENERS),
        "free_mail": sorted(matching.FREE_MAIL),
        "file_endings": sorted(matching.FILE_ENDINGS),
        "min_prefix_chars": matching.MIN_PREFIX_CHARS,
        "leet": {chr(k): v for k, v in matching.LEET.items()},
        "skeleton": {chr(k): v for k, v in matching.SKELETON.items()},
        "arabic_letters": {chr(k): v for k, v in ARABIC_LETTERS.items()},
        "arabic_marks": ARABIC_MARKS.pattern,
        "arabic_prefixes": list(matching.ARABIC_PREFIXES),
        "arabic_article": matching.ARABIC_ARTICLE,
        "digit_zeros": list(DIGIT_ZEROS),
    }
