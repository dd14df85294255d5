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


class SiteFacts(models.Model):
    """Facts about INTERPOL that many pages quote, stored once where staff edit them.

    Text anywhere on the site (Markdown bodies, summaries, templates) writes
    `{member_countries}`; `interpolinfo.site_facts.fill_facts` puts the current
    value in when the page is shown, so one edit here changes every page.
    """

    member_countries = models.PositiveSmallIntegerField(
        _("number of member countries"),
        help_text=_("Shown wherever a page says {member_countries}."),
    )
    source_url = models.URLField(
        _("source"), help_text=_("The official page that gives this number.")
    )
    last_verified = models.DateField(_("last verified"))

    class Meta:
        verbose_name = _("site facts")
        verbose_name_plural = _("site facts")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="site_facts_single_row"),
            models.CheckConstraint(
                condition=models.Q(member_countries__gt=0),
                name="site_facts_member_countries_positive",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Site facts"))


class TranslationState(models.Model):
    """Where one record's translation into one language stands.

    `source_hash` is the English text the translation was made from: when the
    English changes, the hashes differ and the admin's translation report says
    "needs update". Starter translations arrive marked for a native speaker's
    review.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind")
    )
    object_id = models.PositiveIntegerField(_("record"))
    language = models.CharField(_("language"), max_length=5)
    source_hash = models.CharField(_("English text it was made from"), max_length=64)
    needs_native_review = models.BooleanField(_("needs review by a native speaker"), default=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("translation state")
        verbose_name_plural = _("translation states")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="one_state_per_translation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.content_type} {self.object_id} ({self.language})"
