"""The site facts' one row, with the member count INTERPOL gave when this was written.

This is the only place in the code where the number is typed: every page fills
it in from the database (interpolinfo.site_facts), and staff change it in the admin.
"""

from datetime import date

from django.db import migrations

MEMBER_COUNTRIES = 196
SOURCE = "https://www.interpol.int/en/Who-we-are/Member-countries"
SEEN_ON = date(2026, 3, 26)


def create_row(apps, schema_editor):
    SiteFacts = apps.get_model("interpolinfo", "SiteFacts")
    SiteFacts.objects.get_or_create(
        pk=1,
        defaults={
            "member_countries": MEMBER_COUNTRIES,
            "source_url": SOURCE,
            "last_verified": SEEN_ON,
        },
    )


def delete_row(apps, schema_editor):
    apps.get_model("interpolinfo", "SiteFacts").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("interpolinfo", "0003_site_facts")]

    operations = [migrations.RunPython(create_row, delete_row)]
