"""Starter knowledge base: create what is missing from the files in faq/starter/.

The file format is described in the project notes (content-schema): TOML for
topics, crime areas and scam types, one Markdown file with TOML front matter
per article. Items are matched by slug; an item that already exists is kept
exactly as it is, so running the loader again never undoes a staff edit.
Files whose name starts with "_" are samples and are skipped.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from faq.models import (
    Article,
    ArticleSource,
    CrimeArea,
    CrimeAreaSource,
    ScamType,
    ScamTypeSource,
    Status,
    Topic,
)
from interpolinfo.translations import fill_starter_translations

STARTER_DIR = Path(__file__).resolve().parent / "starter"
DEFAULT_REVIEW_INTERVAL_DAYS = 365
_FRONT_MATTER = re.compile(
    r"\A\+\+\+[ \t]*\n(?P<meta>.*?)\n\+\+\+[ \t]*\n?(?P<body>.*)\Z", re.DOTALL
)


class StarterContentError(ValueError):
    """A starter file is malformed; the message names the file and the problem."""


@dataclass
class Tally:
    created: dict[str, int] = field(default_factory=dict)
    kept: int = 0
    skipped_links: int = 0

    def add(self, kind: str) -> None:
        self.created[kind] = self.created.get(kind, 0) + 1

    def report(self) -> str:
        made = ", ".join(
            f"{self.created.get(kind, 0)} {kind}"
            for kind in ("topics", "articles", "crime areas", "scam types")
        )
        line = f"Knowledge base: created {made}; kept {self.kept} existing."
        if self.skipped_links:
            line += f" Skipped {self.skipped_links} related link(s) to unknown articles."
        return line


def read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise StarterContentError(f"{path.name}: {error}") from error


def read_article(path: Path) -> dict[str, Any]:
    """Front matter and body of one article file; the slug is the file name."""
    match = _FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    if not match:
        raise StarterContentError(f"{path.name}: front matter between two '+++' lines is missing")
    try:
        meta = tomllib.loads(match["meta"])
    except tomllib.TOMLDecodeError as error:
        raise StarterContentError(f"{path.name}: {error}") from error
    body = match["body"].strip()
    return {**meta, "slug": path.stem, "body": body + "\n" if body else ""}


def _content_files(directory: Path, pattern: str) -> list[Path]:
    return sorted(path for path in directory.glob(pattern) if not path.name.startswith("_"))


def _require(data: dict[str, Any], keys: tuple[str, ...], where: str) -> None:
    missing = [key for key in keys if not data.get(key)]
    if missing:
        raise StarterContentError(f"{where}: missing {', '.join(missing)}")


def _publishing(data: dict[str, Any]) -> dict[str, Any]:
    return {
        # A file says so for a page that links, knowingly, to a site that is not official.
        "allow_unofficial_links": data.get("allow_unofficial_links", False),
        "status": Status.PUBLISHED,
        "publish_at": timezone.now(),
        "last_reviewed": timezone.localdate(),
        "review_interval_days": data.get("review_interval_days", DEFAULT_REVIEW_INTERVAL_DAYS),
    }


def _page_publishing(data: dict[str, Any]) -> dict[str, Any]:
    """`_publishing` for a topic, which has no Markdown and so no links to allow."""
    return {k: v for k, v in _publishing(data).items() if k != "allow_unofficial_links"}


def _save_new(obj, where: str) -> None:
    try:
        obj.full_clean(exclude={"review_due"}, validate_unique=False)
    except ValidationError as error:
        raise StarterContentError(f"{where}: {error.message_dict}") from error
    obj.save()


def _add_sources(source_model, owner_field: str, owner, sources: list[dict], where: str) -> None:
    for position, source in enumerate(sources, start=1):
        _require(source, ("title", "url"), f"{where}, source {position}")
        _save_new(
            source_model(
                title=source["title"], url=source["url"], order=position, **{owner_field: owner}
            ),
            f"{where}, source {position}",
        )


def load_topics(directory: Path, tally: Tally) -> None:
    path = directory / "topics.toml"
    if not path.exists():
        return
    for data in read_toml(path).get("topic", []):
        where = f"topics.toml, topic {data.get('slug', '?')}"
        _require(data, ("slug", "title", "summary"), where)
        if Topic.objects.filter(slug=data["slug"]).exists():
            tally.kept += 1
            continue
        _save_new(
            Topic(
                slug=data["slug"],
                title=data["title"],
                summary=data["summary"],
                meta_description=data.get("meta_description", ""),
                order=data.get("order", 0),
                **_page_publishing(data),
            ),
            where,
        )
        tally.add("topics")


def load_articles(directory: Path, tally: Tally) -> None:
    files = _content_files(directory / "articles", "*.md")
    articles = [read_article(path) for path in files]
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    created: list[tuple[Article, list[str]]] = []
    for data in articles:
        where = f"articles/{data['slug']}.md"
        _require(data, ("title", "topic", "summary", "body"), where)
        if data["topic"] not in topics:
            raise StarterContentError(f"{where}: unknown topic {data['topic']!r}")
        if Article.objects.filter(slug=data["slug"]).exists():
            tally.kept += 1
            continue
        article = Article(
            slug=data["slug"],
            title=data["title"],
            topic=topics[data["topic"]],
            summary=data["summary"],
            body=data["body"],
            meta_description=data.get("meta_description", ""),
            order=data.get("order", 0),
            **_publishing(data),
        )
        _save_new(article, where)
        _add_sources(ArticleSource, "article", article, data.get("sources", []), where)
        created.append((article, data.get("related", [])))
        tally.add("articles")

    # Links need every article to exist first; only new articles get them.
    for article, related_slugs in created:
        related = list(Article.objects.filter(slug__in=related_slugs).exclude(pk=article.pk))
        tally.skipped_links += len(set(related_slugs)) - len(related)
        article.related.set(related)


def _load_crime_area(data: dict, parent: CrimeArea | None, tally: Tally) -> CrimeArea:
    where = f"crime_areas.toml, {data.get('slug', '?')}"
    _require(data, ("slug", "title", "summary", "interpol_role"), where)
    existing = CrimeArea.objects.filter(slug=data["slug"]).first()
    if existing:
        tally.kept += 1
        return existing
    area = CrimeArea(
        slug=data["slug"],
        title=data["title"],
        parent=parent,
        summary=data["summary"],
        interpol_role=data["interpol_role"],
        public_action=data.get("public_action", ""),
        meta_description=data.get("meta_description", ""),
        order=data.get("order", 0),
        **_publishing(data),
    )
    _save_new(area, where)
    _add_sources(CrimeAreaSource, "crime_area", area, data.get("sources", []), where)
    tally.add("crime areas")
    return area


def load_crime_areas(directory: Path, tally: Tally) -> None:
    path = directory / "crime_areas.toml"
    if not path.exists():
        return
    for group_data in read_toml(path).get("group", []):
        group = _load_crime_area(group_data, None, tally)
        for sub_data in group_data.get("sub_area", []):
            _load_crime_area(sub_data, group, tally)


def load_scam_types(directory: Path, tally: Tally) -> None:
    path = directory / "scam_types.toml"
    if not path.exists():
        return
    for data in read_toml(path).get("scam", []):
        where = f"scam_types.toml, {data.get('slug', '?')}"
        _require(data, ("slug", "title", "summary", "how_it_works", "what_to_do"), where)
        if ScamType.objects.filter(slug=data["slug"]).exists():
            tally.kept += 1
            continue
        scam = ScamType(
            slug=data["slug"],
            title=data["title"],
            summary=data["summary"],
            how_it_works=data["how_it_works"],
            warning_signs="\n".join(sign.strip() for sign in data.get("warning_signs", [])),
            what_to_do=data["what_to_do"],
            if_already_paid=data.get("if_already_paid", ""),
            meta_description=data.get("meta_description", ""),
            order=data.get("order", 0),
            **_publishing(data),
        )
        _save_new(scam, where)
        _add_sources(ScamTypeSource, "scam_type", scam, data.get("sources", []), where)
        tally.add("scam types")


def load_starter_knowledge_base(*, directory: Path = STARTER_DIR) -> str:
    """Create missing starter items from `directory`; return a one-line report.

    All or nothing: a malformed file raises StarterContentError and nothing is
    written.
    """
    tally = Tally()
    # One revision for the whole load, so staff history starts at the starter
    # text and a starter item deleted in the admin can be recovered.
    with transaction.atomic(), reversion.create_revision():
        reversion.set_comment("Starter content")
        load_topics(directory, tally)
        load_articles(directory, tally)
        load_crime_areas(directory, tally)
        load_scam_types(directory, tally)
    return tally.report()


# --- Starter translations (faq/starter/translations/<language>/) -------------------

PAGE_TEXT = ("title", "summary", "meta_description")
CRIME_AREA_TEXT = (*PAGE_TEXT, "interpol_role", "public_action")
SCAM_TYPE_TEXT = (
    *PAGE_TEXT,
    "how_it_works",
    "warning_signs",
    "what_to_do",
    "if_already_paid",
)


def _translated_records(directory: Path, language: str):
    """(model, slug, values) for every translated item of `language` in `directory`."""
    base = directory / "translations" / language
    if not base.is_dir():
        return
    if (base / "topics.toml").exists():
        for data in read_toml(base / "topics.toml").get("topic", []):
            yield Topic, data["slug"], {key: data.get(key, "") for key in PAGE_TEXT}
    for path in _content_files(base / "articles", "*.md") if (base / "articles").is_dir() else []:
        data = read_article(path)
        values = {key: data.get(key, "") for key in PAGE_TEXT}
        values["body"] = data.get("body", "")
        yield Article, path.stem, values
    if (base / "crime_areas.toml").exists():
        for group in read_toml(base / "crime_areas.toml").get("group", []):
            for data in [group, *group.get("sub_area", [])]:
                yield CrimeArea, data["slug"], {key: data.get(key, "") for key in CRIME_AREA_TEXT}
    if (base / "scam_types.toml").exists():
        for data in read_toml(base / "scam_types.toml").get("scam", []):
            values = {key: data.get(key, "") for key in SCAM_TYPE_TEXT}
            # Warning signs are a list in the files, one sign per line in the database.
            if isinstance(values["warning_signs"], list):
                values["warning_signs"] = "\n".join(
                    sign.strip() for sign in values["warning_signs"]
                )
            yield ScamType, data["slug"], values


def load_starter_translations(*, directory: Path = STARTER_DIR) -> str:
    """Fill empty French, Spanish and Arabic fields from the starter translations.

    Never overwrites a translation staff wrote; each filled record is marked
    "needs review by a native speaker" and remembers the English it came from.
    """

    def records():
        for language in [code for code, _name in settings.LANGUAGES if code != "en"]:
            for model, slug, values in _translated_records(directory, language):
                yield language, model.objects.filter(slug=slug).first(), values

    with transaction.atomic():
        filled = fill_starter_translations(records())
    return _("Translations: filled %(n)d starter records.") % {"n": filled}
