from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from faq.search import SEARCH_LOG_KEEP_DAYS, purge_old_search_logs


class Command(BaseCommand):
    help = _(
        "Delete search log rows older than 90 days (or --days). The site also does this "
        "by itself once a day, on the day's first search."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=SEARCH_LOG_KEEP_DAYS)

    def handle(self, *args, days: int, **options) -> None:
        if days < 1:
            raise CommandError(_("--days must be at least 1."))
        deleted = purge_old_search_logs(keep_days=days)
        self.stdout.write(f"Deleted {deleted} search log row(s) older than {days} days.")
