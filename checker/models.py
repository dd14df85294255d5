"""Warning signs staff edit, and the anonymous daily counts of the ones that fired.

No model here holds a visitor's message: it is checked in memory and dropped.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from checker.matching import (
    Detector,
    Rule,
    check_message,
    compile_rules,
    pattern_problem,
    phrase_problem,
)
from interpolinfo.counting import count_up
from interpolinfo.translations import language_codes


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class WarningSignQuerySet(models.QuerySet):
    def active(self) -> "WarningSignQuerySet":
        return self.filter(is_active=True)


class WarningSign(models.Model):
    class DetectorChoice(models.TextChoices):
        LOOKALIKE_DOMAIN = Detector.LOOKALIKE_DOMAIN, _("Look-alike web address")
        SHORT_LINK = Detector.SHORT_LINK, _("Shortened link")
        FREE_MAIL = Detector.FREE_MAIL, _("Free email address")

    key = models.SlugField(_("key"), max_length=80, unique=True)
    name = models.CharField(
        _("name"), max_length=120, help_text=_("Short, e.g. “Asks for gift cards”.")
    )
    explanation = models.TextField(
        _("explanation"),
        help_text=_(
            "Two or three plain sentences: why this is a warning sign. Never say a message is safe."
        ),
    )
    phrases = models.TextField(
        _("phrases that detect it"),
        blank=True,
        help_text=_(
            "One phrase per line, in this language. Whole words; case, accents, Arabic letter "
            "forms and tricks like “1nterp0l” or “I N T E R P O L” do not matter. End a word "
            "with * to match any ending (“arrest*” finds “arrested”). Every language's phrases "
            "are checked on every message."
        ),
    )
    pattern = models.CharField(
        _("regular expression"),
        max_length=300,
        blank=True,
        help_text=_(
            "Optional. Runs on the message in lower case without accents, with a time limit. "
            "Refused if it could run for too long."
        ),
    )
    detector = models.CharField(
        _("built-in check on links"),
        max_length=30,
        blank=True,
        choices=DetectorChoice.choices,
        help_text=_("Optional. Fires on the links or email addresses found in the message."),
    )
    must_match = models.TextField(
        _("examples it must find"),
        blank=True,
        help_text=_("One short message per line, any language. Checked when you save."),
    )
    must_not_match = models.TextField(
        _("examples it must not find"),
        blank=True,
        help_text=_("One short message per line. Checked when you save."),
    )
    scam_types = models.ManyToManyField(
        "faq.ScamType",
        blank=True,
        related_name="checker_signs",
        verbose_name=_("scam types to link to"),
    )
    article = models.ForeignKey(
        "faq.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("article to link to"),
    )
    outcome = models.ForeignKey(
        "contact.Outcome",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("next step in the wizard"),
        help_text=_("Optional: a wizard result that fits people who got a message with this sign."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = WarningSignQuerySet.as_manager()

    class Meta:
        ordering = ["order", "key"]
        verbose_name = _("warning sign")
        verbose_name_plural = _("warning signs")

    def __str__(self) -> str:
        return self.name

    def all_phrases(self) -> list[str]:
        return [
            phrase
            for code in language_codes()
            for phrase in lines(getattr(self, f"phrases_{code}"))
        ]

    @property
    def languages(self) -> list[str]:
        """The languages this sign has detection phrases in."""
        return [code for code in language_codes() if lines(getattr(self, f"phrases_{code}"))]

    def rule(self) -> Rule:
        return Rule(
            key=self.key,
            phrases=tuple(self.all_phrases()),
            pattern=self.pattern,
            detector=self.detector,
        )

    def example_failures(self) -> list[str]:
        """The examples this sign gets wrong, each said in a sentence for staff."""
        compiled = compile_rules([self.rule()])
        domains = settings.CONTACT_URL_ALLOWED_DOMAINS
        failures = []
        for example in lines(self.must_match):
            report = check_message(text=example, compiled=compiled, official_domains=domains)
            if self.key not in report.keys:
                failures.append(_("Not found, but must be: “%(example)s”") % {"example": example})
        for example in lines(self.must_not_match):
            report = check_message(text=example, compiled=compiled, official_domains=domains)
            if self.key in report.keys:
                failures.append(_("Found, but must not be: “%(example)s”") % {"example": example})
        return failures

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[str]] = {}
        for code in language_codes():
            for phrase in lines(getattr(self, f"phrases_{code}")):
                problem = phrase_problem(phrase)
                if problem:
                    errors.setdefault(f"phrases_{code}", []).append(
                        _("“%(phrase)s”: %(problem)s.") % {"phrase": phrase, "problem": problem}
                    )
        if self.pattern:
            problem = pattern_problem(self.pattern)
            if problem:
                errors["pattern"] = [
                    _("This expression is refused: %(problem)s.") % {"problem": problem}
                ]
        if not (self.all_phrases() or self.pattern or self.detector):
            errors.setdefault("phrases_en", []).append(
                _("Give at least one phrase, an expression or a built-in check.")
            )
        if not errors:
            failures = self.example_failures()
            if failures:
                errors["must_match"] = failures
        if errors:
            raise ValidationError(errors)


class SignCount(models.Model):
    """How many checks found a sign on a day. No text, no visitor: only the number."""

    sign = models.ForeignKey(
        WarningSign, on_delete=models.CASCADE, related_name="counts", verbose_name=_("warning sign")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("checks"), default=0)

    class Meta:
        ordering = ["-day", "-count"]
        verbose_name = _("warning sign count")
        verbose_name_plural = _("warning sign counts")
        constraints = [
            models.UniqueConstraint(fields=["sign", "day"], name="checker_sign_count_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.sign_id} {self.day}: {self.count}"


class CheckCount(models.Model):
    """How many messages were checked on a day, and how many showed no sign."""

    day = models.DateField(_("day"), unique=True)
    checks = models.PositiveIntegerField(_("checks"), default=0)
    without_signs = models.PositiveIntegerField(_("checks with no sign found"), default=0)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("check count")
        verbose_name_plural = _("check counts")

    def __str__(self) -> str:
        return f"{self.day}: {self.checks}"


def record_check(*, sign_ids: list[int], day: date | None = None) -> None:
    """Count one check and each sign it found; nothing about the message is kept."""
    day = day or timezone.localdate()
    count_up(CheckCount, match={"day": day}, add={"checks": 1, "without_signs": int(not sign_ids)})
    for sign_id in sign_ids:
        count_up(SignCount, match={"sign": sign_id, "day": day}, add={"count": 1})
