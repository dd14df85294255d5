"""Every INTERPOL member country: its emergency numbers and national reporting channels.

Facts about the world are only as good as their source, so every number and
address records the page it was read on and the day (or nothing: then it is
shown and listed as unverified). Territories a visitor may pick map to the
member country that polices them.
"""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from contact.validators import validate_official_url
from directory.domains import country_domains
from interpolinfo.models import Versioned


class Region(models.TextChoices):
    """INTERPOL's five regions."""

    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA_SOUTH_PACIFIC = "asia-south-pacific", _("Asia and South Pacific")
    EUROPE = "europe", _("Europe")
    MENA = "mena", _("Middle East and North Africa")


class ChannelKind(models.TextChoices):
    POLICE = "police", _("Police")
    FRAUD = "fraud", _("Fraud or scam reporting")
    CYBER = "cyber", _("Cybercrime reporting")
    SCAM_TEXT = "scam_text", _("Forwarding scam texts")
    CONSUMER = "consumer", _("Consumer protection")
    VICTIM_SUPPORT = "victim_support", _("Victim support")
    CONSULAR = "consular", _("Consular help for relatives abroad")


class Sourced(models.Model):
    """Where a fact was read: a page's address and the day, or neither (unverified)."""

    source_url = models.URLField(
        _("source page"),
        max_length=500,
        blank=True,
        help_text=_("The page where this was read. Empty: shown as unverified."),
    )
    source_seen = models.DateField(
        _("source seen on"), null=True, blank=True, help_text=_("The day the page was read.")
    )

    class Meta:
        abstract = True

    @property
    def verified(self) -> bool:
        return bool(self.source_url and self.source_seen)


class CountryQuerySet(models.QuerySet):
    def without_reporting_channel(self) -> "CountryQuerySet":
        """Countries with no police, fraud or cybercrime channel at all."""
        reporting = [ChannelKind.POLICE, ChannelKind.FRAUD, ChannelKind.CYBER]
        return self.exclude(channels__kind__in=reporting).distinct()


class Country(Versioned, Sourced):
    """An INTERPOL member country. The source fields are those of its emergency numbers."""

    code = CountryField(_("country"), unique=True)
    region = models.CharField(
        _("INTERPOL region"), max_length=30, choices=Region.choices, blank=True
    )
    emergency_general = models.CharField(
        _("emergency number"),
        max_length=30,
        blank=True,
        help_text=_("One number for every emergency service, if the country has one."),
    )
    emergency_police = models.CharField(_("police emergency"), max_length=30, blank=True)
    emergency_ambulance = models.CharField(_("ambulance"), max_length=30, blank=True)
    emergency_fire = models.CharField(_("fire service"), max_length=30, blank=True)
    official_domains = models.TextField(
        _("official domains"),
        blank=True,
        help_text=_(
            "Domains of this country's government, police and national agencies, one per "
            "line (e.g. gov.ng). Channel addresses must be on these or on the site-wide list."
        ),
    )
    membership_source = models.URLField(
        _("membership source"),
        max_length=500,
        blank=True,
        help_text=_("INTERPOL's page for this member country, if read."),
    )
    notes = models.TextField(
        _("notes for visitors"), blank=True, help_text=_("Plain text, e.g. a regional exception.")
    )
    reviewer_notes = models.TextField(_("notes for staff"), blank=True)

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return str(self.code.name)

    @property
    def emergency_number(self) -> str:
        """The one number to call first: the general one, else the police's.

        Empty when no page confirmed one: the page then says "the local emergency
        number" rather than guess.
        """
        return self.emergency_general or self.emergency_police

    @property
    def emergency_numbers(self) -> list[tuple[str, str]]:
        """(service, number) for each number that differs from the general one."""
        services = [
            (_("Police"), self.emergency_police),
            (_("Ambulance"), self.emergency_ambulance),
            (_("Fire service"), self.emergency_fire),
        ]
        return [
            (service, number)
            for service, number in services
            if number and number != self.emergency_general
        ]

    @property
    def domains(self) -> list[str]:
        return country_domains(self.official_domains)


class CountryChannel(Versioned, Sourced):
    """One official body a visitor of `country` can turn to."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="channels", verbose_name=_("country")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    name = models.CharField(_("name of the body"), max_length=200)
    url = models.URLField(
        _("official address"),
        max_length=500,
        blank=True,
        help_text=_("https:// address on an official domain of the country or the site list."),
    )
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=100,
        blank=True,
        help_text=_("Language codes it serves, comma-separated (e.g. en, fr)."),
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    last_checked_at = models.DateTimeField(_("last automatic check"), null=True, blank=True)
    last_check_status = models.PositiveSmallIntegerField(
        _("HTTP status of last check"), null=True, blank=True
    )
    last_check_error = models.CharField(_("error of last check"), max_length=300, blank=True)

    class Meta:
        ordering = ["country", "kind", "order", "name"]
        verbose_name = _("country channel")
        verbose_name_plural = _("country channels")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="", phone=""),
                name="directory_channel_has_address_or_phone",
                violation_error_message=_("Give an official address, a phone number or both."),
            ),
            # The validator asks for https (settings.CONTACT_URL_SCHEMES); the database
            # only refuses what is no web address at all, like contact.Channel.
            models.CheckConstraint(
                condition=models.Q(url="")
                | models.Q(url__startswith="https://")
                | models.Q(url__startswith="http://"),
                name="directory_channel_url_http",
                violation_error_message=_("Official addresses must start with https://."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self) -> None:
        super().clean()
        if self.url and self.country_id is not None:
            validate_official_url(self.url, extra_domains=self.country.domains)

    @property
    def tel(self) -> str:
        """The phone number as a tel: link target: digits and a leading +."""
        return tel_target(self.phone)

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(",") if code.strip()]

    @property
    def last_checked_on(self) -> date | None:
        return self.last_checked_at.date() if self.last_checked_at else None


class Territory(models.Model):
    """A place in the country list that is not a member but is policed by one."""

    code = CountryField(_("territory"), unique=True)
    policed_by = models.ForeignKey(
        Country,
        on_delete=models.CASCADE,
        related_name="territories",
        verbose_name=_("policed by"),
    )
    emergency_number = models.CharField(
        _("local emergency number"),
        max_length=30,
        blank=True,
        help_text=_("Only if read on a page; empty says 'the local emergency number'."),
    )
    source_url = models.URLField(_("source page"), max_length=500, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("territory")
        verbose_name_plural = _("territories")

    def __str__(self) -> str:
        return str(self.code.name)


def tel_target(phone: str) -> str:
    """ "+44 300 123 2040" -> "+443001232040"; "" when there are no digits."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits:
        return ""
    return ("+" if phone.strip().startswith("+") else "") + digits
