"""Signal handlers of the knowledge base, kept in one place.

Only bookkeeping that must follow every save, wherever it comes from (admin,
shell, loader): remembering old slugs so old addresses keep working.
"""

from django.db.models.signals import pre_save

from faq.models import OLD_SLUG_KINDS, OldSlug


def remember_old_slug(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or instance.pk is None:
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
