"""The two staff groups: Editors write drafts, Publishers also publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
PUBLISHERS = "Publishers"
CONTENT = ("topic", "article", "crimearea", "scamtype")
SOURCES = ("articlesource", "crimeareasource", "scamtypesource")
RECORDS = ("articlefeedback", "searchlog")


def editor_codenames() -> list[str]:
    codenames = [f"{action}_{model}" for model in CONTENT for action in ("add", "change", "view")]
    codenames += [
        f"{action}_{model}" for model in SOURCES for action in ("add", "change", "delete", "view")
    ]
    codenames += [f"view_{model}" for model in (*RECORDS, "oldslug")]
    return codenames


def publisher_codenames() -> list[str]:
    codenames = editor_codenames()
    codenames += [f"delete_{model}" for model in CONTENT]
    codenames += [f"publish_{model}" for model in CONTENT]
    codenames += [f"{action}_oldslug" for action in ("add", "change", "delete")]
    return codenames


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ((EDITORS, editor_codenames()), (PUBLISHERS, publisher_codenames())):
        group, _created = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="faq", codename__in=codenames
        )
        if permissions.count() != len(set(codenames)):
            raise RuntimeError(f"Some permissions for {name} do not exist.")
        group.permissions.add(*permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, PUBLISHERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("faq", "0002_trigram_extension"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
