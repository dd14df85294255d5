import json

from django.core.management.base import BaseCommand, CommandError

from interpolinfo.backup import BackupError, import_content


class Command(BaseCommand):
    help = "Restore a file written by export_content into an empty, migrated database."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="The backup file.")

    def handle(self, *args, path: str, **options) -> None:
        try:
            with open(path, encoding="utf-8") as backup_file:
                backup = json.load(backup_file)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        try:
            restored = import_content(backup)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {restored.objects} objects of {restored.models} kinds.")
