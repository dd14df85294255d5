"""Backups of all content staff write, in one versioned, checksummed file.

`export_content` writes every model of the content apps (the knowledge base,
the wizard, its channels and country contacts, the site facts) except what
visitors' requests write (counters and logs) and the content version itself.
`import_content` restores such a file into a database migrated to the same
schema or a newer one, and refuses a file from a newer schema, a damaged file
or a database that already holds content.
"""

import hashlib
import json
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from interpolinfo.content_version import bump_content_version

FORMAT = "interpolinfo-content"
FORMAT_VERSION = 1
# Written by visitors' requests, not by staff: not content, and not restored.
NOT_CONTENT = set(settings.CONTENT_VERSION_IGNORED_MODELS)
# Rows the migrations create themselves; a restore overwrites them.
SEEDED_BY_MIGRATIONS = {"interpolinfo.sitefacts"}


class BackupError(Exception):
    """A file that cannot be restored here; the message says why, for staff."""


def content_models() -> list[type[models.Model]]:
    """Every model of the content apps but the ones in NOT_CONTENT, parents first."""
    found = [
        model
        for label in settings.CONTENT_VERSION_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.label_lower not in NOT_CONTENT
    ]
    ordered = serializers.sort_dependencies([(None, found)], allow_cycles=True)
    return [model for model in ordered if model in found]


def schema() -> dict[str, str]:
    """The latest applied migration of each content app: the file's schema version."""
    applied = MigrationRecorder(connection).applied_migrations()
    return {
        label: max((name for app, name in applied if app == label), default="")
        for label in settings.CONTENT_VERSION_APPS
    }


CHECKED_KEYS = ("format", "format_version", "created", "schema", "objects")


def _checksum(backup: dict) -> str:
    """SHA-256 of everything in the file but the checksum itself."""
    checked = {key: backup.get(key) for key in CHECKED_KEYS}
    canonical = json.dumps(checked, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def export_content() -> dict:
    objects = []
    for model in content_models():
        objects += serializers.serialize("python", model._base_manager.order_by("pk"))
    backup = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created": timezone.now().isoformat(),
        "schema": schema(),
        "objects": json.loads(json.dumps(objects, cls=DjangoJSONEncoder)),
    }
    backup["sha256"] = _checksum(backup)
    return backup


@dataclass(frozen=True)
class Restored:
    objects: int
    models: int


def check_restorable(backup: dict) -> None:
    if backup.get("format") != FORMAT:
        raise BackupError("This is not an interpolinfo content backup.")
    if backup.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"This backup has format version {backup.get('format_version')}; this site reads "
            f"version {FORMAT_VERSION}. Restore it with the release that wrote it."
        )
    if _checksum(backup) != backup.get("sha256"):
        raise BackupError("The backup's checksum does not match: the file is damaged or edited.")
    applied = MigrationRecorder(connection).applied_migrations()
    newer = sorted(
        f"{app}.{name}"
        for app, name in backup.get("schema", {}).items()
        if name and (app, name) not in applied
    )
    if newer:
        raise BackupError(
            "This backup comes from a newer version of the site (its database had "
            f"{', '.join(newer)}, which this one has not). Upgrade this site, run "
            "`manage.py migrate`, then restore."
        )
    present = [
        model._meta.label
        for model in content_models()
        if model._meta.label_lower not in SEEDED_BY_MIGRATIONS and model._base_manager.exists()
    ]
    if present:
        raise BackupError(
            "This database already holds content (" + ", ".join(present[:5]) + "). Restore "
            "into an empty database, made with `manage.py migrate`."
        )


def import_content(backup: dict) -> Restored:
    """Restore `backup` in one transaction: all of it, or nothing."""
    check_restorable(backup)
    with transaction.atomic():
        count = 0
        for item in serializers.deserialize("python", backup["objects"]):
            item.save()
            count += 1
        bump_content_version()
    return Restored(objects=count, models=len({o["model"] for o in backup["objects"]}))
