"""Each outcome names the kinds of national contact it shows; country contacts move out.

`show_country_contacts` (yes/no) becomes a list of kinds. The starter outcomes
get the kinds that fit them (no fraud portal on a missing-person result); an
outcome staff made that offered the country step keeps police, fraud and
cybercrime. The old country contacts were copied into the directory by
directory/0002, so the table goes only after that.
"""

from django.db import migrations, models

SCAM = ["fraud", "cyber", "scam_text"]
KINDS_BY_SLUG = {
    "scam-paid": [*SCAM, "victim_support"],
    "scam-paid-and-shared": [*SCAM, "victim_support"],
    "fake-local-police": ["police", *SCAM],
    "sextortion": ["police", "cyber", "victim_support"],
    "emergency": ["emergency"],
    "report-crime": ["police"],
    "wanted-person": ["police"],
    "missing-person": ["police", "consular"],
    "country-question": ["police", "consular"],
    "misuse-name": ["police", "fraud"],
}
SCAM_SLUGS = [
    "scam-message",
    "scam-shared-data",
    "clicked-link",
    "remote-access",
    "digital-arrest",
    "report-scam-message",
]
OFFERED_BEFORE = ["police", "fraud", "cyber"]


def forwards(apps, schema_editor):
    Outcome = apps.get_model("contact", "Outcome")
    for outcome in Outcome.objects.all():
        if outcome.slug == "emergency":
            kinds = KINDS_BY_SLUG["emergency"]  # the number matters most, offered or not
        elif not outcome.show_country_contacts:
            kinds = []
        elif outcome.slug in KINDS_BY_SLUG:
            kinds = KINDS_BY_SLUG[outcome.slug]
        elif outcome.slug in SCAM_SLUGS:
            kinds = SCAM
        else:
            kinds = OFFERED_BEFORE
        Outcome.objects.filter(pk=outcome.pk).update(country_kinds=kinds)


def backwards(apps, schema_editor):
    Outcome = apps.get_model("contact", "Outcome")
    for outcome in Outcome.objects.all():
        Outcome.objects.filter(pk=outcome.pk).update(
            show_country_contacts=bool(outcome.country_kinds)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0001_initial"),
        ("directory", "0002_from_country_contacts"),
    ]

    operations = [
        migrations.AddField(
            model_name="outcome",
            name="country_kinds",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text=(
                    "Which of a country's contacts this result offers once the visitor picks "
                    "a country. None: no country choice on this result."
                ),
                verbose_name="national contacts shown",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="outcome", name="show_country_contacts"),
        migrations.DeleteModel(name="CountryContact"),
    ]
