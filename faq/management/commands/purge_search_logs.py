from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from faq.models import SearchLog

KEEP_DAYS = 90


class Command(BaseCommand):
    help = _("Delete search log rows older than 90 days (or --days).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=KEEP_DAYS)

    def handle(self, *args, days: int, **options) -> None:
        if days < 1:
            raise CommandError(_("--days must be at least 1."))
        cutoff = timezone.localdate() - timedelta(days=days)
        deleted, _detail = SearchLog.objects.filter(date__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} search log row(s) older than {cutoff}.")
