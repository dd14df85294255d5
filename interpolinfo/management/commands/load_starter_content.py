from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from checker.starter import load_starter_signs
from contact.starter import load_starter_flow
from contact.starter import load_starter_translations as load_wizard_translations
from directory.starter import load_starter_directory
from faq.search_index import rebuild_search_index
from faq.starter import load_starter_knowledge_base
from faq.starter import load_starter_translations as load_page_translations
from interpolinfo.bulk import bulk_load
from interpolinfo.content_version import bump_content_version


class Command(BaseCommand):
    help = _(
        "Create the starter knowledge base and contact-route flow where they are missing. "
        "Safe to run again: it never changes anything staff have edited."
    )

    def handle(self, *args, **options) -> None:
        loaders = (
            load_starter_knowledge_base,
            load_starter_directory,
            load_starter_flow,
            load_page_translations,
            load_wizard_translations,
            # After the knowledge base and the wizard: signs link to their pages and results.
            load_starter_signs,
        )
        # Starter text is English: assigning `title` writes the active language's column.
        translation.activate(settings.LANGUAGE_CODE)
        # One search rebuild and one version bump at the end, not one per saved row.
        with bulk_load():
            for loader in loaders:
                report = loader()
                self.stdout.write(str(report))
        # The loaders bulk-create some rows, which sends no save signals.
        rebuild_search_index()
        bump_content_version()
