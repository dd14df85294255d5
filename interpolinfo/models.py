from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    """The one row that says which version of the site's content is live.

    Every content save or delete bumps `version`, which is part of every page
    cache key, so an edit made on any instance is visible on all of them at
    once. It lives in the database rather than the cache because the default
    local-memory cache is private to each worker process.
    """

    version = models.BigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"))
    next_publish_at = models.DateTimeField(
        _("next scheduled publication"),
        null=True,
        blank=True,
        help_text=_("The earliest publish time still in the future when the version changed."),
    )

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="content_version_single_row"),
        ]

    def __str__(self) -> str:
        return str(self.version)
