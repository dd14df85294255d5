"""Signal handlers of the knowledge base, kept in one place.

Only bookkeeping that must follow every save, wherever it comes from (admin,
shell, loader): remembering old slugs so old addresses keep working, and
keeping the search index in step (inside the same transaction, so the index
never shows a page the database does not have).
"""

from django.db.models.signals import post_delete, post_migrate, post_save, pre_save

from faq.models import OLD_SLUG_KINDS, OldSlug, Topic
from faq.search_index import (
    BY_MODEL,
    index_children,
    index_item,
    rebuild_search_index,
    unindex_item,
)
from interpolinfo.bulk import in_bulk_load


def remember_old_slug(sender, instance, raw: bool = False, **kwargs) -> None:
    # Raw saves count too: django-reversion restores an old version with one, and the
    # address the page had until then must keep working like every other old one.
    if instance.pk is None:
        return
    previous = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if previous is None or previous == instance.slug:
        return
    kind = OLD_SLUG_KINDS[sender]
    OldSlug.objects.update_or_create(kind=kind, slug=previous, defaults={"object_id": instance.pk})
    # The new slug is a live address again, so an old record of it is obsolete.
    OldSlug.objects.filter(kind=kind, slug=instance.slug).delete()


for model in OLD_SLUG_KINDS:
    pre_save.connect(remember_old_slug, sender=model, dispatch_uid=f"faq_old_slug_{model.__name__}")


def reindex_saved(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or in_bulk_load():
        return
    if sender in BY_MODEL:
        index_item(instance)
    # A topic's articles and a crime area's sub-areas are visible only with their parent.
    index_children(instance)


def unindex_deleted(sender, instance, **kwargs) -> None:
    if not in_bulk_load():
        unindex_item(sender, instance.pk)


def rebuild_after_migrate(sender, app_config=None, using="default", **kwargs) -> None:
    if app_config is not None and app_config.label == "faq":
        rebuild_search_index()


for model in (*BY_MODEL, Topic):
    post_save.connect(reindex_saved, sender=model, dispatch_uid=f"faq_index_{model.__name__}")
for model in BY_MODEL:
    post_delete.connect(unindex_deleted, sender=model, dispatch_uid=f"faq_unindex_{model.__name__}")
post_migrate.connect(rebuild_after_migrate, dispatch_uid="faq_search_rebuild")
