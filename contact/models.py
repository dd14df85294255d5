"""The contact-route flow: questions, their choices, outcomes and official channels.

Every choice leads to exactly one next question or one outcome;
contact/flow/checks.py checks the whole graph. Slugs, not ids, appear in the
public URLs, so shared links survive edits.
"""

from collections.abc import Sequence
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contact.validators import validate_official_url
from directory.models import ChannelKind
from interpolinfo.counting import count_up
from interpolinfo.models import LinkChecked, Versioned
from interpolinfo.translations import render_each_language

# What a result can show from the visitor's country: the emergency number, large,
# or its channels of the given kinds (directory.ChannelKind).
EMERGENCY = "emergency"
COUNTRY_KIND_CHOICES = [(EMERGENCY, _("The emergency number, large")), *ChannelKind.choices]
COUNTRY_KIND_VALUES = [value for value, _label in COUNTRY_KIND_CHOICES]


def verification_overdue(last_verified: date | None, *, today: date | None = None) -> bool:
    """True when a person has never checked the record, or not for too long."""
    if last_verified is None:
        return True
    today = today or timezone.localdate()
    return today - last_verified > timedelta(days=settings.CONTACT_VERIFY_EVERY_DAYS)


class Channel(Versioned):
    class Kind(models.TextChoices):
        INTERPOL = "interpol", _("INTERPOL")
        POLICE = "police", _("Police")
        FRAUD = "fraud", _("Fraud or scam reporting")
        CYBER = "cyber", _("Cybercrime reporting")
        OTHER = "other", _("Other official body")

    slug = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(
        _("official address"),
        max_length=500,
        validators=[validate_official_url],
        help_text=_("https:// address on an allow-listed official domain."),
    )
    purpose = models.TextField(_("what it is for"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INTERPOL)
    last_verified = models.DateField(
        _("last verified by a person"),
        null=True,
        blank=True,
        help_text=_("The day someone opened the address and checked it is still right."),
    )
    last_checked_at = models.DateTimeField(_("last automatic check"), null=True, blank=True)
    last_check_status = models.PositiveSmallIntegerField(
        _("HTTP status of last check"), null=True, blank=True
    )
    last_check_error = models.CharField(_("error of last check"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(url__startswith="https://")
                | models.Q(url__startswith="http://"),
                name="contact_channel_url_http",
                violation_error_message=_(
                    "Official addresses must start with https:// or http://."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.url:
            validate_official_url(self.url)

    @property
    def verification_overdue(self) -> bool:
        return verification_overdue(self.last_verified)


class OffersCountryContacts:
    """What a result offers once the visitor picks a country, read from `country_kinds`.

    Shared by the Outcome model and the flow graph's outcome node (contact/flow/graph.py).
    """

    country_kinds: Sequence[str]

    @property
    def show_country_contacts(self) -> bool:
        return bool(self.country_kinds)

    @property
    def shows_emergency_number(self) -> bool:
        return EMERGENCY in self.country_kinds

    @property
    def channel_kinds(self) -> tuple[str, ...]:
        return tuple(kind for kind in self.country_kinds if kind != EMERGENCY)


class Outcome(OffersCountryContacts, LinkChecked, Versioned):
    class Urgency(models.TextChoices):
        NOW = "now", _("Act now")
        SOON = "soon", _("Act soon")
        WHEN_READY = "when_ready", _("When you are ready")

    slug = models.SlugField(_("key"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("why this route"), help_text=_("One or two plain sentences shown under the title.")
    )
    body = models.TextField(
        _("what to have ready and what not to do"),
        blank=True,
        help_text=_("Markdown. Links must be https://, http:// or mailto:."),
    )
    body_html = models.TextField(editable=False, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.WHEN_READY
    )
    channels = models.ManyToManyField(
        Channel, verbose_name=_("channels"), related_name="outcomes", blank=True
    )
    no_channel_reason = models.TextField(
        _("reason there is no channel"),
        blank=True,
        help_text=_("Only when no official channel fits; shown to the visitor."),
    )
    country_kinds = models.JSONField(
        _("national contacts shown"),
        default=list,
        blank=True,
        help_text=_(
            "Which of a country's contacts this result offers once the visitor picks a "
            "country. None: no country choice on this result."
        ),
    )

    markdown_fields = ("body",)

    class Meta:
        ordering = ["title"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        render_each_language(self, {"body": "body_html"})
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        unknown = set(self.country_kinds or []) - set(COUNTRY_KIND_VALUES)
        if unknown:
            raise ValidationError(
                {"country_kinds": _("Unknown kind(s): %(kinds)s.") % {"kinds": ", ".join(unknown)}}
            )


class Question(Versioned):
    slug = models.SlugField(_("key"), max_length=80, unique=True)
    text = models.CharField(_("question"), max_length=300)
    hint = models.TextField(_("hint"), blank=True)
    is_start = models.BooleanField(
        _("first question"),
        default=False,
        help_text=_("The wizard starts here. Ticking it moves the start from the old question."),
    )

    class Meta:
        ordering = ["-is_start", "text"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(
                fields=["is_start"],
                condition=models.Q(is_start=True),
                name="contact_single_start_question",
                violation_error_message=_("Only one question can be the first question."),
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Choice(Versioned):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    slug = models.SlugField(
        _("key"), max_length=80, help_text=_("Appears in shared links: keep it when editing.")
    )
    label = models.CharField(_("answer"), max_length=300)
    hint = models.CharField(_("hint"), max_length=300, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    next_question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        related_name="incoming_choices",
        null=True,
        blank=True,
        verbose_name=_("leads to question"),
    )
    outcome = models.ForeignKey(
        Outcome,
        on_delete=models.PROTECT,
        related_name="choices",
        null=True,
        blank=True,
        verbose_name=_("leads to outcome"),
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["question", "slug"], name="contact_choice_slug_unique"),
            models.CheckConstraint(
                condition=(
                    models.Q(next_question__isnull=False, outcome__isnull=True)
                    | models.Q(next_question__isnull=True, outcome__isnull=False)
                ),
                name="contact_choice_leads_to_one",
                violation_error_message=_(
                    "A choice leads to exactly one thing: a next question or an outcome."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.label


class OutcomeCount(models.Model):
    """How many visitors reached an outcome on a day. Nothing else is stored."""

    outcome = models.ForeignKey(
        Outcome, on_delete=models.CASCADE, related_name="counts", verbose_name=_("outcome")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("visitors"), default=0)

    class Meta:
        ordering = ["-day", "-count"]
        verbose_name = _("outcome count")
        verbose_name_plural = _("outcome counts")
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "day"], name="contact_outcome_count_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.outcome_id} {self.day}: {self.count}"

    @classmethod
    def record(cls, *, outcome_id: int, day: date | None = None) -> None:
        """Add one to the day's count in a single upsert, safe under concurrency."""
        count_up(
            cls,
            match={"outcome": outcome_id, "day": day or timezone.localdate()},
            add={"count": 1},
        )
