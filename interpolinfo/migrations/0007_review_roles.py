"""Who takes part in review: Editors propose changes to published pages and submit
drafts; Publishers also approve them or send them back."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"
PROPOSING = ("add_proposal", "change_proposal", "view_proposal")
REVIEWING = (*PROPOSING, "review_proposal")


def give_permissions(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ((EDITORS, PROPOSING), (PUBLISHERS, REVIEWING)):
        group, _created = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="interpolinfo", codename__in=codenames
        )
        if permissions.count() != len(codenames):
            raise RuntimeError(f"Some proposal permissions for {name} do not exist.")
        group.permissions.add(*permissions)


def take_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="interpolinfo", codename__in=REVIEWING
    )
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("interpolinfo", "0006_proposal"),
        ("faq", "0003_editor_and_publisher_groups"),
    ]

    operations = [migrations.RunPython(give_permissions, take_permissions)]
