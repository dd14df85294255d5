"""The starter country directory, from directory/data/countries.json.

`load_starter_directory()` is called by `manage.py load_starter_content`. It
creates only the countries (with their channels) and territories that do not
exist yet, so running it again never changes what staff edited or deleted.

Every fact in the file carries the page it was read on and the day, or no
source at all (then it is stored, shown and listed as unverified). The file's
own README (directory/data/README.md) says how it was gathered.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from directory.models import Country, CountryChannel, Territory
from interpolinfo.translations import record_starter_translation

DATA_FILE = Path(__file__).resolve().parent / "data" / "countries.json"


def read_data(path: Path = DATA_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _source(fact: dict) -> dict:
    source = fact.get("source") or {}
    seen = source.get("seen")
    return {
        "source_url": source.get("url", "") or "",
        "source_seen": date.fromisoformat(seen) if seen else None,
    }


def build_country(data: dict) -> tuple[Country, list[CountryChannel]]:
    """Unsaved, validated model instances for one country record of the file."""
    emergency = data.get("emergency", {})
    country = Country(
        code=data["code"],
        region=data.get("region", ""),
        emergency_general=emergency.get("general", ""),
        emergency_police=emergency.get("police", ""),
        emergency_ambulance=emergency.get("ambulance", ""),
        emergency_fire=emergency.get("fire", ""),
        official_domains="\n".join(data.get("domains", [])),
        membership_source=data.get("membership_source", "") or "",
        notes=data.get("notes", ""),
        reviewer_notes=data.get("reviewer_notes", ""),
        **_source(emergency),
    )
    for language, text in data.get("notes_i18n", {}).items():
        setattr(country, f"notes_{language}", text)
    country.full_clean(validate_unique=False)
    channels = []
    for order, item in enumerate(data.get("channels", [])):
        channel = CountryChannel(
            country=country,
            kind=item["kind"],
            name=item["name"],
            url=item.get("url", ""),
            phone=item.get("phone", ""),
            languages=", ".join(item.get("languages", [])),
            order=order,
            **_source(item),
        )
        channel.full_clean(exclude=["country"])
        channels.append(channel)
    return country, channels


def load_starter_directory(path: Path = DATA_FILE) -> str:
    data = read_data(path)
    with transaction.atomic():
        existing = {str(code) for code in Country.objects.values_list("code", flat=True)}
        made_countries = made_channels = 0
        for record in data["countries"]:
            if record["code"] in existing:
                continue
            country, channels = build_country(record)
            country.save()
            for language in record.get("notes_i18n", {}):
                record_starter_translation(country, language)
            for channel in channels:
                channel.country = country
            CountryChannel.objects.bulk_create(channels)
            made_countries += 1
            made_channels += len(channels)
        members = dict(Country.objects.values_list("code", "pk"))
        known = {str(code) for code in Territory.objects.values_list("code", flat=True)}
        territories = [
            Territory(
                code=item["code"],
                policed_by_id=members[item["policed_by"]],
                emergency_number=item.get("emergency_number", ""),
                source_url=item.get("source_url", ""),
            )
            for item in data.get("territories", [])
            if item["code"] not in known and item["policed_by"] in members
        ]
        Territory.objects.bulk_create(territories)
    return _(
        "Country directory: created %(countries)d countries, %(channels)d channels, "
        "%(territories)d territories."
    ) % {
        "countries": made_countries,
        "channels": made_channels,
        "territories": len(territories),
    }
