"""Starter warning signs from checker/starter/signs.toml, created where missing.

Signs are matched by key: one that exists is kept exactly as staff left it,
so running `load_starter_content` again never undoes an edit. Each new sign is
checked like a staff edit (`full_clean`: phrases, expression, examples).
"""

import tomllib
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from checker.matching import Rule
from checker.models import WarningSign
from contact.models import Outcome
from faq.models import Article, ScamType
from interpolinfo.translations import language_codes, record_starter_translation

SIGNS_FILE = Path(__file__).resolve().parent / "starter" / "signs.toml"
ENGLISH = "en"


def read_signs(path: Path = SIGNS_FILE) -> list[dict]:
    with path.open("rb") as handle:
        return tomllib.load(handle)["sign"]


def rules_from_file(path: Path = SIGNS_FILE) -> list[Rule]:
    """The starter signs' rules straight from the file, without a database (benchmark,
    JSON export tests)."""
    return [
        Rule(
            key=record["key"],
            phrases=tuple(
                phrase
                for code in language_codes()
                for phrase in record.get(code, {}).get("phrases", [])
            ),
            pattern=record.get("pattern", ""),
            detector=record.get("detector", ""),
        )
        for record in read_signs(path)
    ]


def build_sign(record: dict, *, order: int, links: dict | None = None) -> WarningSign:
    sign = WarningSign(
        key=record["key"],
        pattern=record.get("pattern", ""),
        detector=record.get("detector", ""),
        must_match="\n".join(record.get("must_match", [])),
        must_not_match="\n".join(record.get("must_not_match", [])),
        order=order,
    )
    for code in language_codes():
        text = record.get(code, {})
        setattr(sign, f"name_{code}", text.get("name", ""))
        setattr(sign, f"explanation_{code}", text.get("explanation", ""))
        setattr(sign, f"phrases_{code}", "\n".join(text.get("phrases", [])))
    links = links if links is not None else link_targets()
    sign.article = links["articles"].get(record.get("article", ""))
    sign.outcome = links["outcomes"].get(record.get("outcome", ""))
    return sign


def link_targets() -> dict[str, dict]:
    """The pages and wizard results starter signs may link to, by slug (three queries)."""
    return {
        "articles": {article.slug: article for article in Article.objects.all()},
        "outcomes": {outcome.slug: outcome for outcome in Outcome.objects.all()},
        "scam_types": {scam.slug: scam for scam in ScamType.objects.all()},
    }


def load_starter_signs(path: Path = SIGNS_FILE) -> str:
    records = read_signs(path)
    existing = set(WarningSign.objects.values_list("key", flat=True))
    made = 0
    links = link_targets()
    with transaction.atomic():
        for order, record in enumerate(records, 1):
            if record["key"] in existing:
                continue
            sign = build_sign(record, order=order * 10, links=links)
            sign.full_clean(exclude=["article", "outcome"])
            sign.save()
            scams = links["scam_types"]
            sign.scam_types.set(
                [scams[slug] for slug in record.get("scam_types", []) if slug in scams]
            )
            for code in language_codes():
                if code != ENGLISH and code in record:
                    record_starter_translation(sign, code)
            made += 1
    return _("Message checker: created %(made)d warning signs; kept %(kept)d existing.") % {
        "made": made,
        "kept": len(records) - made,
    }
