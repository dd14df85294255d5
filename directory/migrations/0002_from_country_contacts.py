"""Move the old per-country contacts (contact.CountryContact) into the directory.

Nothing staff saved is lost: each row becomes a directory country with its
emergency number and notes, and each of its police, fraud and cybercrime
channels becomes a national channel of that country. A channel a person had
verified keeps that day as the day its own page was seen.
"""

from django.db import migrations

KINDS = {"police_channel": "police", "fraud_channel": "fraud", "cyber_channel": "cyber"}


def forwards(apps, schema_editor):
    CountryContact = apps.get_model("contact", "CountryContact")
    Country = apps.get_model("directory", "Country")
    CountryChannel = apps.get_model("directory", "CountryChannel")
    for old in CountryContact.objects.select_related(*KINDS).order_by("pk"):
        country, _created = Country.objects.get_or_create(
            code=old.country,
            defaults={
                "emergency_general": old.emergency_number,
                "notes": old.notes,
                "source_seen": old.last_verified,
                "reviewer_notes": "Moved from the old country contacts.",
            },
        )
        for field, kind in KINDS.items():
            channel = getattr(old, field)
            if channel is None:
                continue
            CountryChannel.objects.get_or_create(
                country=country,
                kind=kind,
                name=channel.name,
                defaults={
                    "url": channel.url,
                    "source_url": channel.url if channel.last_verified else "",
                    "source_seen": channel.last_verified,
                    "last_checked_at": channel.last_checked_at,
                    "last_check_status": channel.last_check_status,
                    "last_check_error": channel.last_check_error,
                },
            )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("directory", "0001_initial"),
        # Saving directory rows bumps the content version, whose row must exist.
        ("interpolinfo", "0002_first_content_version"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
