"""The knowledge base: topics, articles, crime areas and scam types.

Every kind of page shares `Publishable`: a status, a publish time (scheduled
publishing works by time alone), review dates and stamps. Public views read
only through `objects.published()`.
"""

from datetime import timedelta

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from interpolinfo.links import source_error
from interpolinfo.models import LinkChecked, Versioned
from interpolinfo.translations import render_each_language


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What visitors may see: published, and its publish time has come."""
        return self.filter(status=Status.PUBLISHED, publish_at__lte=timezone.now())

    def review_overdue(self):
        return self.filter(review_due__lt=timezone.localdate())

    def visible_to(self, user):
        """What this user may open: staff who may view this kind of content in the
        admin also see its drafts and scheduled items; everyone else, `published()`."""
        opts = self.model._meta
        if (
            user.is_active
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
        ):
            return self.all()
        return self.published()


class Publishable(Versioned):
    """What every page of the knowledge base shares: its heading, address,
    summary, ordering, and the publishing and review rules."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    meta_description = models.CharField(
        _("meta description"),
        # French and Spanish run about a quarter longer than English; search engines
        # cut what they show at about 155 characters whatever the limit here.
        max_length=240,
        blank=True,
        help_text=_(
            "Shown by search engines (about 155 characters are shown); the summary is "
            "used when empty."
        ),
    )
    order = models.PositiveIntegerField(_("order"), default=0, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        default=timezone.now,
        help_text=_("A published item appears on the site from this moment."),
    )
    last_reviewed = models.DateField(_("last reviewed"), default=timezone.localdate)
    review_interval_days = models.PositiveIntegerField(
        _("review every (days)"),
        default=365,
        help_text=_("How often the facts on this page must be checked again."),
    )
    review_due = models.DateField(_("review due"), editable=False, db_index=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.review_due = self.last_reviewed + timedelta(days=self.review_interval_days)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "review_due"}
        super().save(*args, **kwargs)

    @property
    def description(self) -> str:
        return self.meta_description or self.summary

    @property
    def is_live(self) -> bool:
        return self.status == Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def review_overdue(self) -> bool:
        return self.review_due is not None and self.review_due < timezone.localdate()

    @property
    def publishing_state(self) -> str:
        """ "Draft", "Published", or "Scheduled for <date>" while the publish time is to come."""
        if self.status != Status.PUBLISHED:
            return str(_("Draft"))
        if self.publish_at > timezone.now():
            when = date_format(timezone.localtime(self.publish_at), "DATETIME_FORMAT")
            return str(_("Scheduled for %(date)s") % {"date": when})
        return str(_("Published"))


class Topic(Publishable):
    """A section of the site, such as "How INTERPOL contacts people"."""

    class Meta(Publishable.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        permissions = [("publish_topic", _("Can publish topics"))]

    def get_absolute_url(self) -> str:
        return reverse("faq:topic_detail", kwargs={"slug": self.slug})


class ArticleQuerySet(PublishableQuerySet):
    def published(self):
        """Published articles whose topic is published too."""
        return (
            super()
            .published()
            .filter(topic__status=Status.PUBLISHED, topic__publish_at__lte=timezone.now())
        )


class Article(LinkChecked, Publishable):
    """One question or explainer, titled the way people ask it."""

    title = models.CharField(_("title"), max_length=200, help_text=_("Phrase it as people ask it."))
    topic = models.ForeignKey(
        Topic, on_delete=models.PROTECT, related_name="articles", verbose_name=_("topic")
    )
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One sentence that answers the question.")
    )
    body = models.TextField(_("body"), help_text=_("Markdown. Use ## for subheadings."))
    body_html = models.TextField(editable=False, blank=True)
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name=_("related articles")
    )

    objects = ArticleQuerySet.as_manager()
    markdown_fields = ("body",)

    class Meta(Publishable.Meta):
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [("publish_article", _("Can publish articles"))]

    def save(self, *args, **kwargs):
        render_each_language(self, {"body": "body_html"})
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("faq:article_detail", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        """Visitors see an article only while its topic is live too (as `published()`)."""
        return super().is_live and self.topic.is_live


class CrimeAreaQuerySet(PublishableQuerySet):
    def published(self):
        """Published areas; a sub-area only while its main group is published too."""
        return (
            super()
            .published()
            .filter(
                Q(parent__isnull=True)
                | Q(parent__status=Status.PUBLISHED, parent__publish_at__lte=timezone.now())
            )
        )

    def groups(self):
        return self.filter(parent__isnull=True)


class CrimeArea(LinkChecked, Publishable):
    """One of INTERPOL's crime areas: a main group, or a sub-area of one."""

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sub_areas",
        verbose_name=_("main group"),
        limit_choices_to={"parent__isnull": True},
        help_text=_("Leave empty for a main group."),
    )
    interpol_role = models.TextField(_("what INTERPOL does"), help_text=_("Markdown."))
    interpol_role_html = models.TextField(editable=False, blank=True)
    public_action = models.TextField(
        _("what a member of the public can do"), blank=True, help_text=_("Markdown.")
    )
    public_action_html = models.TextField(editable=False, blank=True)

    objects = CrimeAreaQuerySet.as_manager()
    markdown_fields = ("interpol_role", "public_action")

    class Meta(Publishable.Meta):
        verbose_name = _("crime area")
        verbose_name_plural = _("crime areas")
        permissions = [("publish_crimearea", _("Can publish crime areas"))]

    def __str__(self) -> str:
        return f"{self.parent}: {self.title}" if self.parent_id else self.title

    def save(self, *args, **kwargs):
        render_each_language(
            self, {"interpol_role": "interpol_role_html", "public_action": "public_action_html"}
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("faq:crimearea_detail", kwargs={"slug": self.slug})

    @property
    def is_live(self) -> bool:
        """A sub-area is live only while its main group is (as `published()`)."""
        return super().is_live and (self.parent_id is None or self.parent.is_live)

    def clean(self) -> None:
        super().clean()
        if self.parent_id and (self.parent_id == self.pk or self.parent.parent_id):
            raise ValidationError({"parent": _("Choose a main group; areas have two levels.")})


class ScamType(LinkChecked, Publishable):
    """A kind of scam, including messages that pretend to come from INTERPOL."""

    markdown_fields = ("how_it_works", "what_to_do", "if_already_paid")

    how_it_works = models.TextField(_("how it works"), help_text=_("Markdown."))
    how_it_works_html = models.TextField(editable=False, blank=True)
    warning_signs = models.TextField(
        _("warning signs"), blank=True, help_text=_("Plain text, one warning sign per line.")
    )
    what_to_do = models.TextField(_("what to do"), help_text=_("Markdown."))
    what_to_do_html = models.TextField(editable=False, blank=True)
    if_already_paid = models.TextField(
        _("if you already paid or shared data"), blank=True, help_text=_("Markdown.")
    )
    if_already_paid_html = models.TextField(editable=False, blank=True)

    class Meta(Publishable.Meta):
        verbose_name = _("scam type")
        verbose_name_plural = _("scam types")
        permissions = [("publish_scamtype", _("Can publish scam types"))]

    def save(self, *args, **kwargs):
        render_each_language(
            self,
            {
                "how_it_works": "how_it_works_html",
                "what_to_do": "what_to_do_html",
                "if_already_paid": "if_already_paid_html",
            },
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("faq:scamtype_detail", kwargs={"slug": self.slug})

    @property
    def warning_sign_list(self) -> list[str]:
        return [line.strip() for line in self.warning_signs.splitlines() if line.strip()]


class Source(models.Model):
    """An official page a piece of content is based on."""

    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("address"), max_length=500)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            # Only web addresses: a `javascript:` link must never reach a page.
            models.CheckConstraint(
                condition=Q(url__startswith="https://") | Q(url__startswith="http://"),
                name="%(app_label)s_%(class)s_url_is_web_address",
            )
        ]

    owner_field = ""

    def __str__(self) -> str:
        return self.title

    @property
    def is_official(self) -> bool:
        return source_error(url=self.url, allow_unofficial=False) is None

    def clean(self) -> None:
        """Listed as official only if it is: any other address needs the owner's tick
        (and is then shown apart, marked "not an official site")."""
        super().clean()
        owner = getattr(self, self.owner_field, None) if self.owner_field else None
        allowed = bool(owner and owner.allow_unofficial_links)
        error = source_error(url=self.url, allow_unofficial=allowed) if self.url else None
        if error:
            raise ValidationError({"url": error})


class ArticleSource(Source):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    owner_field = "article"

    class Meta(Source.Meta):
        pass


class CrimeAreaSource(Source):
    crime_area = models.ForeignKey(CrimeArea, on_delete=models.CASCADE, related_name="sources")
    owner_field = "crime_area"

    class Meta(Source.Meta):
        pass


class ScamTypeSource(Source):
    scam_type = models.ForeignKey(ScamType, on_delete=models.CASCADE, related_name="sources")
    owner_field = "scam_type"

    class Meta(Source.Meta):
        pass


class OldSlug(models.Model):
    """A slug a page used to have, so its old address can redirect (301)."""

    class Kind(models.TextChoices):
        TOPIC = "topic", _("topic")
        ARTICLE = "article", _("article")
        CRIME_AREA = "crimearea", _("crime area")
        SCAM_TYPE = "scamtype", _("scam type")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    slug = models.SlugField(_("old slug"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("object id"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "slug"]
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        constraints = [
            models.UniqueConstraint(fields=["kind", "slug"], name="faq_oldslug_unique_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.slug}"


class ArticleFeedback(models.Model):
    """Anonymous "was this helpful?" counts, one row per article and day."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="feedback")
    date = models.DateField(_("date"), default=timezone.localdate)
    helpful = models.PositiveIntegerField(_("helpful"), default=0)
    not_helpful = models.PositiveIntegerField(_("not helpful"), default=0)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("article feedback")
        verbose_name_plural = _("article feedback")
        constraints = [
            models.UniqueConstraint(fields=["article", "date"], name="faq_feedback_one_row_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.article} ({self.date})"


class SearchLog(models.Model):
    """What people searched for, anonymously: no address, no cookie, per day."""

    query = models.CharField(_("query"), max_length=100)
    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    hits = models.PositiveIntegerField(_("times searched"), default=1)
    result_count = models.PositiveIntegerField(_("results"), default=0)

    class Meta:
        ordering = ["-date", "-hits"]
        verbose_name = _("search log entry")
        verbose_name_plural = _("search log")
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="faq_searchlog_one_row_per_day")
        ]

    def __str__(self) -> str:
        return self.query


class SearchLanguage(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    SPANISH = "es", _("Spanish")
    ARABIC = "ar", _("Arabic")


class SearchEntry(models.Model):
    """One public page as the search engines see it, kept in step on every save.

    `faq.search_index` writes these rows (and, on SQLite, the FTS5 table beside
    them; on PostgreSQL, the weighted `document` vector with its GIN index).
    `visible_from` is when visitors may see the page (null: not published).
    """

    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveIntegerField(_("object id"))
    language = models.CharField(
        _("language"), max_length=5, choices=SearchLanguage.choices, default="en"
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("text"), blank=True)
    url = models.CharField(_("address"), max_length=300)
    visible_from = models.DateTimeField(_("visible from"), null=True, blank=True)
    document = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="faq_searchentry_one_per_page"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Synonym(models.Model):
    """Words visitors use that the pages do not: searched as the words they mean."""

    language = models.CharField(
        _("language"), max_length=5, choices=SearchLanguage.choices, default="en"
    )
    phrase = models.CharField(
        _("visitors type"),
        max_length=100,
        help_text=_("A word or a few words, e.g. “get off” or “scammer”."),
    )
    means = models.CharField(
        _("search also for"),
        max_length=200,
        help_text=_("Words the pages use, e.g. “delete data ccf” or “scam”."),
    )

    class Meta:
        ordering = ["language", "phrase"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.UniqueConstraint(fields=["language", "phrase"], name="faq_synonym_unique")
        ]

    def __str__(self) -> str:
        return f"{self.phrase} → {self.means}"

    def save(self, *args, **kwargs) -> None:
        self.phrase = " ".join(self.phrase.casefold().split())
        self.means = " ".join(self.means.casefold().split())
        super().save(*args, **kwargs)


PUBLISHABLE_MODELS = (Topic, Article, CrimeArea, ScamType)
OLD_SLUG_KINDS = {
    Topic: OldSlug.Kind.TOPIC,
    Article: OldSlug.Kind.ARTICLE,
    CrimeArea: OldSlug.Kind.CRIME_AREA,
    ScamType: OldSlug.Kind.SCAM_TYPE,
}
