from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from contact.starter import load_starter_flow
from directory.starter import load_starter_directory
from faq.search_index import rebuild_search_index
from faq.starter import load_starter_knowledge_base
from interpolinfo.content_version import bump_content_version


class Command(BaseCommand):
    help = _(
        "Create the starter knowledge base and contact-route flow where they are missing. "
        "Safe to run again: it never changes anything staff have edited."
    )

    def handle(self, *args, **options) -> None:
        for loader in (load_starter_knowledge_base, load_starter_directory, load_starter_flow):
            report = loader()
            self.stdout.write(str(report))
        # The loaders bulk-create some rows, which sends no save signals.
        rebuild_search_index()
        bump_content_version()
