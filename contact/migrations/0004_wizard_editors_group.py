"""The Wizard editors group: they keep the contact wizard and the country directory
up to date (questions, answers, outcomes, channels, countries), without being superusers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

WIZARD_EDITORS = "Wizard editors"
EDITED = {
    "contact": ("question", "choice", "outcome", "channel"),
    "directory": ("country", "countrychannel", "territory"),
}
# The anonymous per-day counts behind the outcome list and the dashboard.
VIEWED = {"contact": ("outcomecount",)}
ACTIONS = ("add", "change", "delete", "view")


def wizard_editor_permissions() -> dict[str, list[str]]:
    """Permission codenames per app label."""
    codenames = {
        app: [f"{action}_{model}" for model in models for action in ACTIONS]
        for app, models in EDITED.items()
    }
    for app, models in VIEWED.items():
        codenames.setdefault(app, []).extend(f"view_{model}" for model in models)
    return codenames


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations; this group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=WIZARD_EDITORS)
    for app, codenames in wizard_editor_permissions().items():
        permissions = Permission.objects.filter(content_type__app_label=app, codename__in=codenames)
        if permissions.count() != len(set(codenames)):
            raise RuntimeError(f"Some {app} permissions for {WIZARD_EDITORS} do not exist.")
        group.permissions.add(*permissions)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=WIZARD_EDITORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contact", "0003_translated_fields"),
        ("directory", "0003_translated_fields"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
