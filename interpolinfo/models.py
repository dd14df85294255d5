from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from interpolinfo.links import LinkKind, link_errors, links_of_kind


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


class EditConflict(Exception):
    """Someone saved a newer version of the record since this copy was read."""


def normalise_line_endings(instance: models.Model) -> None:
    """Browsers send a text area's lines ending in CR LF; store LF everywhere, so a
    resave of unchanged text is unchanged in the history too."""
    from interpolinfo.translations import translated_fields

    # The untranslated name ("body") reads and writes the active language's column, so
    # only the per-language columns ("body_en", ...) are touched.
    skipped = set(translated_fields(type(instance)))
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.TextField) or field.name in skipped:
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and "\r" in value:
            setattr(instance, field.attname, value.replace("\r\n", "\n").replace("\r", "\n"))


class Versioned(models.Model):
    """Staff-edited content that two people may open at once (optimistic locking).

    Every full save claims the version it was read at with one
    `UPDATE ... SET version = version + 1 WHERE pk = … AND version = n`: if someone
    saved in between, no row matches and `EditConflict` is raised, so nothing is
    overwritten. The admin form carries the version it was opened at
    (interpolinfo.editing).
    """

    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        normalise_line_endings(self)
        whole_record = kwargs.get("update_fields") is None and not kwargs.get("force_insert")
        if self.pk is None or self._state.adding or not whole_record:
            super().save(*args, **kwargs)
            return
        rows = type(self)._base_manager.using(kwargs.get("using") or self._state.db)
        with transaction.atomic(using=rows.db):
            claimed = rows.filter(pk=self.pk, version=self.version).update(
                version=models.F("version") + 1
            )
            if not claimed and rows.filter(pk=self.pk).exists():
                raise EditConflict(
                    f"{type(self).__name__} {self.pk} changed since version {self.version}"
                )
            if claimed:
                self.version += 1
            super().save(*args, **kwargs)


def bump_version_on_raw_save(sender, instance, raw: bool = False, **kwargs) -> None:
    """A restored version (django-reversion, loaddata) is saved raw, with the version
    number it had then: give it the next number instead, so a form opened before
    the restore cannot save over it."""
    if not raw or instance.pk is None:
        return
    normalise_line_endings(instance)
    current = sender._base_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
    if current is not None:
        instance.version = current + 1


class LinkChecked(models.Model):
    """Content whose Markdown (`markdown_fields`, in every language) may link out.

    Official and internal links pass; plain http to an official site never does;
    any other address needs a Publisher's tick, and visitors then see it marked
    "not an official site" (interpolinfo.markdown).
    """

    markdown_fields: tuple[str, ...] = ()

    allow_unofficial_links = models.BooleanField(
        _("link to sites that are not official"),
        default=False,
        help_text=_(
            "Publishers only, after checking each address: links to other sites are then "
            "allowed and shown to visitors marked “not an official site”."
        ),
    )

    class Meta:
        abstract = True

    def markdown_texts(self) -> list[str]:
        from interpolinfo.translations import language_codes

        return [
            text
            for name in self.markdown_fields
            for code in language_codes()
            if (text := getattr(self, f"{name}_{code}", None) or "")
        ]

    def unofficial_links(self) -> list[str]:
        return links_of_kind(self.markdown_texts(), LinkKind.UNOFFICIAL)

    def clean(self) -> None:
        super().clean()
        errors = link_errors(
            texts=self.markdown_texts(), allow_unofficial=self.allow_unofficial_links
        )
        if errors:
            raise ValidationError(errors)


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("Draft, not submitted")
    AWAITING_REVIEW = "awaiting", _("Awaiting review")
    SENT_BACK = "sent_back", _("Sent back")
    APPROVED = "approved", _("Approved")
    SCHEDULED = "scheduled", _("Approved, scheduled")


OPEN_PROPOSAL_STATES = (
    ProposalState.DRAFT,
    ProposalState.AWAITING_REVIEW,
    ProposalState.SENT_BACK,
)


class ProposalQuerySet(models.QuerySet):
    def open(self):
        """Proposals still being written or reviewed: at most one per item."""
        return self.filter(state__in=OPEN_PROPOSAL_STATES)

    def awaiting_review(self):
        return self.filter(state=ProposalState.AWAITING_REVIEW)

    def for_item(self, item: models.Model):
        from django.contrib.contenttypes.models import ContentType

        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)

    def due(self, *, now):
        """Approved changes to live pages whose publish time has come and that wait to be applied."""
        return self.filter(
            state=ProposalState.SCHEDULED, applied_at__isnull=True, publish_at__lte=now
        )


class Proposal(Versioned):
    """A change an Editor proposes to a page, kept apart until a Publisher reviews it.

    For a published page, `values` holds the proposed value of every field that
    differs from the live row (each language's column, related items as ids) and
    `base_version` the live version it was written against; the live row is not
    touched until a Publisher approves (interpolinfo.review). For a draft the
    draft row itself holds the text and `values` is empty: approving publishes it.
    """

    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, verbose_name=_("kind")
    )
    object_id = models.PositiveIntegerField(_("record"))
    title = models.CharField(_("page"), max_length=300)
    values = models.JSONField(
        _("proposed values"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    base_version = models.PositiveIntegerField(_("written against version"), default=0)
    state = models.CharField(
        _("state"), max_length=10, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("proposed by"),
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_proposals",
        verbose_name=_("reviewed by"),
    )
    comment = models.TextField(_("reviewer's comment"), blank=True)
    publish_at = models.DateTimeField(_("goes live at"), null=True, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-updated"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        permissions = [("review_proposal", _("Can approve or send back proposed changes"))]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state__in=OPEN_PROPOSAL_STATES),
                name="one_open_proposal_per_item",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ProposalState.SENT_BACK) | ~models.Q(comment=""),
                name="proposal_sent_back_with_comment",
            ),
            models.CheckConstraint(
                condition=~models.Q(state=ProposalState.SCHEDULED)
                | models.Q(publish_at__isnull=False),
                name="proposal_scheduled_with_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_PROPOSAL_STATES
