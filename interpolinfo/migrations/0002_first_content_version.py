from django.db import migrations
from django.utils import timezone


def create_row(apps, schema_editor):
    ContentVersion = apps.get_model("interpolinfo", "ContentVersion")
    ContentVersion.objects.get_or_create(
        pk=1, defaults={"version": 1, "changed_at": timezone.now()}
    )


def delete_row(apps, schema_editor):
    apps.get_model("interpolinfo", "ContentVersion").objects.filter(pk=1).delete()


class Migration(migrations.Migration):
    dependencies = [("interpolinfo", "0001_initial")]

    operations = [migrations.RunPython(create_row, delete_row)]
