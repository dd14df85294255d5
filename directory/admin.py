from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TranslationAdmin
from reversion.admin import VersionAdmin

from directory.models import ChannelKind, Country, CountryChannel, Territory
from directory.resources import CountryChannelResource, CountryResource
from interpolinfo.admin_a11y import AccessibleTabularInlineMixin
from interpolinfo.editing import VersionedAdminMixin, VersionedInlineMixin

REPORTING_KINDS = [ChannelKind.POLICE, ChannelKind.FRAUD, ChannelKind.CYBER]


class ReportingChannelFilter(admin.SimpleListFilter):
    title = _("reporting channel")
    parameter_name = "reporting"

    def lookups(self, request, model_admin):
        return [
            ("none", _("No police, fraud or cybercrime channel")),
            ("no-fraud", _("No fraud or cybercrime channel")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.without_reporting_channel()
        if self.value() == "no-fraud":
            kinds = [ChannelKind.FRAUD, ChannelKind.CYBER]
            return queryset.exclude(channels__kind__in=kinds).distinct()
        return queryset


class SourceFilter(admin.SimpleListFilter):
    title = _("source")
    parameter_name = "source"

    def lookups(self, request, model_admin):
        return [("unverified", _("Unverified: no dated page")), ("seen", _("Seen on a page"))]

    def queryset(self, request, queryset):
        unverified = Q(source_url="") | Q(source_seen__isnull=True)
        if self.value() == "unverified":
            return queryset.filter(unverified)
        if self.value() == "seen":
            return queryset.exclude(unverified)
        return queryset


class LinkCheckFilter(admin.SimpleListFilter):
    title = _("link check")
    parameter_name = "check"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue: never or not recently checked")),
            ("failing", _("Failed the last check")),
        ]

    def queryset(self, request, queryset):
        with_address = queryset.exclude(url="")
        if self.value() == "overdue":
            cutoff = timezone.now() - timedelta(days=settings.DIRECTORY_CHECK_EVERY_DAYS)
            return with_address.filter(
                Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff)
            )
        if self.value() == "failing":
            failed = ~Q(last_check_error="") | Q(last_check_status__gte=400)
            return with_address.filter(last_checked_at__isnull=False).filter(
                failed | Q(last_check_status__isnull=True)
            )
        return queryset


class CountryChannelInline(VersionedInlineMixin, admin.StackedInline):
    model = CountryChannel
    extra = 0
    fields = [
        ("kind", "order"),
        "name",
        ("url", "phone"),
        "languages",
        ("source_url", "source_seen"),
        ("last_checked_at", "last_check_status", "last_check_error"),
    ]
    readonly_fields = ["last_checked_at", "last_check_status", "last_check_error"]


class TerritoryInline(AccessibleTabularInlineMixin, admin.TabularInline):
    model = Territory
    fk_name = "policed_by"
    extra = 0


@admin.register(Country)
class CountryAdmin(VersionedAdminMixin, ImportExportMixin, TranslationAdmin, VersionAdmin):
    resource_classes = [CountryResource]
    list_display = [
        "__str__",
        "code",
        "region",
        "emergency_number",
        "emergency_seen",
        "channel_total",
        "reporting_total",
    ]
    list_filter = ["region", ReportingChannelFilter, SourceFilter]
    search_fields = ["code", "emergency_general", "emergency_police", "notes", "channels__name"]
    inlines = [CountryChannelInline, TerritoryInline]
    fieldsets = [
        (None, {"fields": ["code", "region", "membership_source"]}),
        (
            _("Emergency numbers"),
            {
                "fields": [
                    "emergency_general",
                    ("emergency_police", "emergency_ambulance", "emergency_fire"),
                    ("source_url", "source_seen"),
                ]
            },
        ),
        (_("Notes and domains"), {"fields": ["notes", "official_domains", "reviewer_notes"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                channel_count=Count("channels", distinct=True),
                reporting_count=Count(
                    "channels", filter=Q(channels__kind__in=REPORTING_KINDS), distinct=True
                ),
            )
        )

    @admin.display(boolean=True, description=_("number seen on a page"))
    def emergency_seen(self, obj) -> bool:
        return obj.verified

    @admin.display(description=_("channels"), ordering="channel_count")
    def channel_total(self, obj) -> int:
        return obj.channel_count

    @admin.display(description=_("police, fraud or cyber"), ordering="reporting_count")
    def reporting_total(self, obj) -> int:
        return obj.reporting_count


@admin.register(CountryChannel)
class CountryChannelAdmin(VersionedAdminMixin, ImportExportMixin, VersionAdmin):
    resource_classes = [CountryChannelResource]
    list_display = [
        "name",
        "country",
        "kind",
        "url",
        "phone",
        "seen_on_page",
        "last_checked_at",
        "last_check_status",
    ]
    list_filter = ["kind", SourceFilter, LinkCheckFilter, "country__region"]
    list_select_related = ["country"]
    search_fields = ["name", "url", "phone", "country__code"]
    readonly_fields = ["last_checked_at", "last_check_status", "last_check_error"]
    autocomplete_fields = ["country"]

    @admin.display(boolean=True, description=_("seen on a page"))
    def seen_on_page(self, obj) -> bool:
        return obj.verified


@admin.register(Territory)
class TerritoryAdmin(VersionAdmin):
    list_display = ["__str__", "code", "policed_by", "emergency_number"]
    autocomplete_fields = ["policed_by"]
    search_fields = ["code"]
