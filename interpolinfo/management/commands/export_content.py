import json
import sys

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder

from interpolinfo.backup import export_content


class Command(BaseCommand):
    help = "Write all content to one versioned, checksummed JSON file (or standard output)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", default="-", help="File to write; - for stdout.")

    def handle(self, *args, path: str, **options) -> None:
        backup = export_content()
        text = json.dumps(backup, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        if path == "-":
            sys.stdout.write(text + "\n")
            return
        with open(path, "w", encoding="utf-8") as out:
            out.write(text + "\n")
        self.stderr.write(f"Wrote {len(backup['objects'])} objects to {path}.")
