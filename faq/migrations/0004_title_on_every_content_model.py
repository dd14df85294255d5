"""One name, `title`, for the visible heading of every content model.

RenameField keeps every crime area's and scam type's heading, and the saved
versions django-reversion keeps are rewritten too, so a revert to a version
from before the rename still brings its heading back.
"""

import json

from django.db import migrations, models

RENAMED = {"crimearea": ("name", "title"), "scamtype": ("name", "title")}


def rename_in_versions(apps, schema_editor, *, forwards=True):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    for model_name, (old, new) in RENAMED.items():
        if not forwards:
            old, new = new, old
        content_type = ContentType.objects.filter(app_label="faq", model=model_name).first()
        if content_type is None:
            continue
        for version in Version.objects.filter(content_type=content_type, format="json"):
            data = json.loads(version.serialized_data)
            for item in data:
                fields = item.get("fields", {})
                if old in fields:
                    fields[new] = fields.pop(old)
            version.serialized_data = json.dumps(data)
            version.save(update_fields=["serialized_data"])


def rename_back_in_versions(apps, schema_editor):
    rename_in_versions(apps, schema_editor, forwards=False)


META_DESCRIPTION = models.CharField(
    blank=True,
    help_text="Shown by search engines; the summary is used when empty.",
    max_length=160,
    verbose_name="meta description",
)


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0003_editor_and_publisher_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.RenameField(model_name="crimearea", old_name="name", new_name="title"),
        migrations.RenameField(model_name="scamtype", old_name="name", new_name="title"),
        migrations.RunPython(rename_in_versions, rename_back_in_versions),
        migrations.AlterField(
            model_name="crimearea",
            name="title",
            field=models.CharField(max_length=200, verbose_name="title"),
        ),
        migrations.AlterField(
            model_name="scamtype",
            name="title",
            field=models.CharField(max_length=200, verbose_name="title"),
        ),
        migrations.AlterModelOptions(
            name="crimearea",
            options={
                "ordering": ["order", "title"],
                "permissions": [("publish_crimearea", "Can publish crime areas")],
                "verbose_name": "crime area",
                "verbose_name_plural": "crime areas",
            },
        ),
        migrations.AlterModelOptions(
            name="scamtype",
            options={
                "ordering": ["order", "title"],
                "permissions": [("publish_scamtype", "Can publish scam types")],
                "verbose_name": "scam type",
                "verbose_name_plural": "scam types",
            },
        ),
        migrations.AlterField(
            model_name="crimearea", name="meta_description", field=META_DESCRIPTION
        ),
        migrations.AlterField(
            model_name="scamtype", name="meta_description", field=META_DESCRIPTION
        ),
        migrations.AlterField(model_name="topic", name="meta_description", field=META_DESCRIPTION),
    ]
