"""Small builders for knowledge-base test data; published and live by default."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from faq.models import Article, CrimeArea, ScamType, Status, Topic

_numbers = count(1)


def _publishing(published: bool, publish_at) -> dict:
    return {
        "status": Status.PUBLISHED if published else Status.DRAFT,
        "publish_at": publish_at or timezone.now() - timedelta(minutes=1),
    }


def make_topic(
    *, slug=None, title="How INTERPOL contacts people", published=True, publish_at=None, **extra
):
    number = next(_numbers)
    return Topic.objects.create(
        slug=slug or f"topic-{number}",
        title=title,
        summary=extra.pop("summary", "A plain summary of the topic."),
        **_publishing(published, publish_at),
        **extra,
    )


def make_article(
    *,
    topic=None,
    slug=None,
    title="Does INTERPOL send text messages?",
    published=True,
    publish_at=None,
    **extra,
):
    number = next(_numbers)
    return Article.objects.create(
        topic=topic or make_topic(),
        slug=slug or f"article-{number}",
        title=title,
        summary=extra.pop("summary", "No. It only works with police forces."),
        body=extra.pop("body", "INTERPOL works with **police forces**, not with the public."),
        **_publishing(published, publish_at),
        **extra,
    )


def make_crime_area(
    *, parent=None, slug=None, title="Cybercrime", published=True, publish_at=None, **extra
):
    number = next(_numbers)
    return CrimeArea.objects.create(
        parent=parent,
        slug=slug or f"area-{number}",
        title=title,
        summary=extra.pop("summary", "Crime that uses computers and networks."),
        interpol_role=extra.pop("interpol_role", "It shares information between police forces."),
        public_action=extra.pop("public_action", "Report it to your local police."),
        **_publishing(published, publish_at),
        **extra,
    )


def make_scam_type(*, slug=None, title="Phishing", published=True, publish_at=None, **extra):
    number = next(_numbers)
    return ScamType.objects.create(
        slug=slug or f"scam-{number}",
        title=title,
        summary=extra.pop("summary", "Messages that trick you into giving away details."),
        how_it_works=extra.pop("how_it_works", "An email pretends to come from someone you trust."),
        warning_signs=extra.pop("warning_signs", "Urgency\nA strange sender address"),
        what_to_do=extra.pop("what_to_do", "Do not click. Report it."),
        if_already_paid=extra.pop("if_already_paid", "Call your bank at once."),
        **_publishing(published, publish_at),
        **extra,
    )
