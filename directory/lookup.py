"""What the wizard shows for the country a visitor picked: plain functions, one place."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import Prefetch
from django_countries import countries

from directory.models import ChannelKind, Country, CountryChannel, Territory

# Where a scam's own kinds are missing, the police take reports of every crime.
FALLBACK_KIND = ChannelKind.POLICE


class InvalidCountry(ValueError):
    """Not a country code at all: the visitor is asked again (HTTP 400)."""


class Status(StrEnum):
    MEMBER = "member"  # a member country in the directory
    TERRITORY = "territory"  # policed by a member country
    UNLISTED = "unlisted"  # a real place the directory has nothing for


@dataclass(frozen=True)
class CountryLookup:
    code: str
    name: str
    status: Status
    country: Country | None = None  # the member (for a territory: the one that polices it)
    territory: Territory | None = None
    channels: list[CountryChannel] = field(default_factory=list)

    @property
    def is_member(self) -> bool:
        return self.status == Status.MEMBER

    @property
    def is_territory(self) -> bool:
        return self.status == Status.TERRITORY

    @property
    def is_unlisted(self) -> bool:
        return self.status == Status.UNLISTED

    @property
    def emergency_number(self) -> str:
        """The number to call here; a territory's own, never its policing country's."""
        if self.status == Status.TERRITORY:
            return self.territory.emergency_number
        return self.country.emergency_number if self.country else ""


def normalise_code(raw: str) -> str:
    """ " gb " -> "GB"; raises InvalidCountry for anything not in the country list."""
    code = raw.strip().upper()
    if code not in countries:
        raise InvalidCountry(raw)
    return code


def channels_for(channels: Iterable[CountryChannel], kinds: Iterable[str]) -> list[CountryChannel]:
    """The channels of the given kinds, in the kinds' order.

    A result that wants a fraud, cyber or scam-text channel gets the police
    instead when the country has none of them: a visitor always has somewhere
    to report. Kinds the result did not ask for never appear (no fraud portal
    on a missing-person result).
    """
    kinds = list(kinds)
    channels = list(channels)
    rank = {kind: position for position, kind in enumerate(kinds)}
    chosen = [channel for channel in channels if channel.kind in rank]
    if not chosen and kinds and FALLBACK_KIND not in rank:
        chosen = [channel for channel in channels if channel.kind == FALLBACK_KIND]
    return sorted(chosen, key=lambda channel: (rank.get(channel.kind, -1), channel.order))


def lookup_country(raw: str, *, kinds: Iterable[str]) -> CountryLookup | None:
    """The directory's answer for country code `raw` ("" = not chosen: None).

    Two queries for a member country (the country, its channels), three for a
    territory.
    """
    if not raw.strip():
        return None
    code = normalise_code(raw)
    name = str(countries.name(code))
    with_channels = Prefetch("channels", queryset=CountryChannel.objects.order_by("order", "name"))
    country = Country.objects.prefetch_related(with_channels).filter(code=code).first()
    if country is not None:
        return CountryLookup(
            code, name, Status.MEMBER, country, channels=channels_for(country.channels.all(), kinds)
        )
    territory = (
        Territory.objects.select_related("policed_by")
        .prefetch_related(Prefetch("policed_by__channels", queryset=with_channels.queryset))
        .filter(code=code)
        .first()
    )
    if territory is not None:
        member = territory.policed_by
        channels = channels_for(member.channels.all(), kinds)
        return CountryLookup(code, name, Status.TERRITORY, member, territory, channels)
    return CountryLookup(code, name, Status.UNLISTED)
