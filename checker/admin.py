"""Staff edit the warning signs; the daily counts show which signs fire, as a trend.

Saving a sign checks its phrases, its expression (refused if it could run for
too long) and its examples, so staff see at once what a change breaks.
"""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from reversion_compare.admin import CompareVersionAdmin

from checker.models import CheckCount, SignCount, WarningSign

TREND_DAYS = 30
BAR_WIDTH = 4
CHART_HEIGHT = 24


def trend_start(*, days: int = TREND_DAYS):
    return timezone.localdate() - timedelta(days=days - 1)


def daily_values(counts: list[SignCount], *, days: int = TREND_DAYS) -> list[int]:
    """One number per day, oldest first, 0 on days the sign was not found."""
    start = trend_start(days=days)
    values = [0] * days
    for row in counts:
        offset = (row.day - start).days
        if 0 <= offset < days:
            values[offset] = row.count
    return values


def sparkline(values: list[int], *, label: str) -> str:
    """A small bar chart drawn on the server: SVG with no script and no inline style."""
    top = max(values) or 1
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" fill="currentColor"></rect>',
        (
            (
                index * (BAR_WIDTH + 1),
                CHART_HEIGHT - round(value / top * CHART_HEIGHT),
                BAR_WIDTH,
                round(value / top * CHART_HEIGHT),
            )
            for index, value in enumerate(values)
        ),
    )
    width = len(values) * (BAR_WIDTH + 1)
    return format_html(
        '<svg role="img" width="{}" height="{}" viewBox="0 0 {} {}"><title>{}</title>{}</svg>',
        width,
        CHART_HEIGHT,
        width,
        CHART_HEIGHT,
        label,
        bars,
    )


@admin.register(WarningSign)
class WarningSignAdmin(TranslationAdmin, CompareVersionAdmin):
    list_display = ("name", "key", "languages_shown", "detector", "is_active", "trend")
    list_filter = ("is_active", "detector")
    search_fields = ("key", "name", "phrases")
    filter_horizontal = ("scam_types",)
    readonly_fields = ("updated",)
    fieldsets = (
        (None, {"fields": ("key", "name", "explanation", "is_active", "order")}),
        (
            _("How it is found"),
            {"fields": ("phrases", "pattern", "detector", "must_match", "must_not_match")},
        ),
        (_("Links shown with it"), {"fields": ("scam_types", "article", "outcome")}),
        (None, {"fields": ("updated",)}),
    )

    def get_queryset(self, request):
        recent = SignCount.objects.filter(day__gte=trend_start())
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("counts", queryset=recent, to_attr="recent_counts"))
        )

    @admin.display(description=_("languages"))
    def languages_shown(self, obj: WarningSign) -> str:
        return ", ".join(obj.languages) or "—"

    @admin.display(description=_("found in the last 30 days"))
    def trend(self, obj: WarningSign) -> str:
        values = daily_values(getattr(obj, "recent_counts", []))
        total = sum(values)
        return format_html(
            "{} {}",
            sparkline(values, label=_("Checks per day that found this sign")),
            total,
        )


class ReadOnlyCountAdmin(admin.ModelAdmin):
    """Counts are written by the checker only."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(SignCount)
class SignCountAdmin(ReadOnlyCountAdmin):
    list_display = ("day", "sign", "count")
    list_filter = ("sign",)
    date_hierarchy = "day"


@admin.register(CheckCount)
class CheckCountAdmin(ReadOnlyCountAdmin):
    list_display = ("day", "checks", "without_signs", "trend")
    date_hierarchy = "day"

    @admin.display(description=_("share with no sign found"))
    def trend(self, obj: CheckCount) -> str:
        share = round(100 * obj.without_signs / obj.checks) if obj.checks else 0
        return f"{share} %"
