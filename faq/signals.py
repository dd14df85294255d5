"""Signal handlers of the knowledge base, kept in one place.

Only bookkeeping that must follow every save, wherever it comes from (admin,
shell, loader): remembering old slugs so old addresses keep working.
"""

from django.db.models.signals import pre_save
from django.dispatch import receiver

from faq.models import OLD_SLUG_KINDS, OldSlug


@receiver(pre_save, dispatch_uid="faq_remember_old_slug")
def remember_old_slug(sender, instance, raw: bool = False, **kwargs) -> None:
    kind = OLD_SLUG_KINDS.get(sender)
    if kind is None or raw or instance.pk is None:
        return
    previous = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if previous is None or previous == instance.slug:
        return
    OldSlug.objects.update_or_create(kind=kind, slug=previous, defaults={"object_id": instance.pk})
    # The new slug is live again; an old record of it would only shadow nothing.
    OldSlug.objects.filter(kind=kind, slug=instance.slug).delete()
