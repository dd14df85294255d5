"""The admin home page's dashboard: what needs doing, and two small charts.

Every figure is one bounded query (a count or a per-day sum), whatever the size
of the site; the charts are SVG drawn here, so the page needs no script.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from contact.models import Channel, Outcome, OutcomeCount
from directory.models import CountryChannel
from faq.models import SearchLog
from faq.review import overdue_count
from interpolinfo.models import Proposal, ProposalState

CHART_DAYS = 90
NO_RESULT_DAYS = 7
TOP_OUTCOMES = 8
REVIEW_LIST_LIMIT = 20
# The chart's drawing units: one bar per day, four units wide with a one-unit gap.
BAR_STEP, BAR_WIDTH, CHART_HEIGHT = 4, 3, 60
BAR_COLOUR = "#417690"  # the admin's own blue; a presentation attribute, which the CSP allows


@dataclass(frozen=True)
class Task:
    """One line of "what needs doing": how many, and the admin list that shows them."""

    text: str
    count: int
    url: str


@dataclass(frozen=True)
class ReviewEntry:
    """A proposed change on the dashboard: awaiting review, or sent back to its author."""

    title: str
    author: str
    when: datetime | None
    url: str


@dataclass(frozen=True)
class DayChart:
    title: str
    days: list[tuple[date, int]]

    @property
    def total(self) -> int:
        return sum(value for _day, value in self.days)

    @property
    def busiest(self) -> tuple[date, int] | None:
        peak = max(self.days, key=lambda day: day[1], default=None)
        return peak if peak and peak[1] else None

    @property
    def svg(self) -> SafeString:
        return day_chart_svg(days=self.days, title=self.title)


@dataclass(frozen=True)
class OutcomeShare:
    title: str
    count: int
    url: str
    share: int  # per cent of the busiest outcome, for the bar's length


def failed_check() -> Q:
    """A channel whose last automatic check did not get a working answer
    (as the directory's "Failed the last check" filter reads it)."""
    return (
        ~Q(url="")
        & Q(last_checked_at__isnull=False)
        & (~Q(last_check_error="") | Q(last_check_status__gte=400) | Q(last_check_status=None))
    )


def _admin_list(model, query: str = "") -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{query}" if query else url


def tasks_for(user, *, today: date) -> list[Task]:
    """What needs doing that `user` may see, each linked to the list that shows it."""
    found: list[Task] = []
    if user.has_perm("faq.view_article"):
        overdue = overdue_count()
        found.append(
            Task(
                ngettext(
                    "%(count)d knowledge-base item needs review",
                    "%(count)d knowledge-base items need review",
                    overdue,
                )
                % {"count": overdue},
                overdue,
                reverse("admin:faq_needs_review"),
            )
        )
    if user.has_perm("contact.view_channel"):
        cutoff = today - timedelta(days=settings.CONTACT_VERIFY_EVERY_DAYS)
        interpol = Channel.objects.aggregate(
            unverified=Count(
                "pk", filter=Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff)
            ),
            failing=Count("pk", filter=failed_check()),
        )
        found += [
            Task(
                _("INTERPOL channels not verified by a person this year: %(count)d")
                % {"count": interpol["unverified"]},
                interpol["unverified"],
                _admin_list(Channel, "verification=due"),
            ),
            Task(
                _("INTERPOL channels that failed their last link check: %(count)d")
                % {"count": interpol["failing"]},
                interpol["failing"],
                _admin_list(Channel, "o=-6"),
            ),
        ]
    if user.has_perm("directory.view_countrychannel"):
        national = CountryChannel.objects.aggregate(
            unverified=Count("pk", filter=Q(source_url="") | Q(source_seen__isnull=True)),
            failing=Count("pk", filter=failed_check()),
        )
        found += [
            Task(
                _("National channels with no dated source: %(count)d")
                % {"count": national["unverified"]},
                national["unverified"],
                _admin_list(CountryChannel, "source=unverified"),
            ),
            Task(
                _("National channels that failed their last link check: %(count)d")
                % {"count": national["failing"]},
                national["failing"],
                _admin_list(CountryChannel, "check=failing"),
            ),
        ]
    if user.has_perm("faq.view_searchlog"):
        since = today - timedelta(days=NO_RESULT_DAYS - 1)
        unanswered = (
            SearchLog.objects.filter(date__gte=since, result_count=0)
            .values("query")
            .distinct()
            .count()
        )
        found.append(
            Task(
                _("Searches with no result in the last 7 days: %(count)d") % {"count": unanswered},
                unanswered,
                _admin_list(SearchLog, f"results=none&date__gte={since.isoformat()}"),
            )
        )
    return found


def review_lists(user) -> dict:
    """Changes awaiting review (for Publishers) and the user's own changes sent back to
    them (for Editors), oldest first, in one query: at most REVIEW_LIST_LIMIT shown."""
    wanted = Q(pk__in=[])
    may_review = user.has_perm("interpolinfo.review_proposal")
    if may_review:
        wanted |= Q(state=ProposalState.AWAITING_REVIEW)
    if user.has_perm("interpolinfo.add_proposal"):
        wanted |= Q(state=ProposalState.SENT_BACK, author=user)
    if wanted == Q(pk__in=[]):
        return {}
    rows = list(
        Proposal.objects.filter(wanted)
        .select_related("author", "content_type")
        .order_by("submitted_at", "pk")[: REVIEW_LIST_LIMIT + 1]
    )
    awaiting, sent_back = [], []
    for proposal in rows[:REVIEW_LIST_LIMIT]:
        if proposal.state == ProposalState.AWAITING_REVIEW:
            url = reverse("admin:interpolinfo_proposal_change", args=[proposal.pk])
            awaiting.append(
                ReviewEntry(
                    proposal.title, proposal.author.get_username(), proposal.submitted_at, url
                )
            )
        else:
            kind = proposal.content_type
            url = reverse(f"admin:{kind.app_label}_{kind.model}_change", args=[proposal.object_id])
            sent_back.append(
                ReviewEntry(
                    proposal.title, proposal.author.get_username(), proposal.reviewed_at, url
                )
            )
    return {
        "awaiting_review": awaiting,
        "sent_back": sent_back,
        "more_proposals": len(rows) > REVIEW_LIST_LIMIT,
        "proposals_url": _admin_list(Proposal, f"state__exact={ProposalState.AWAITING_REVIEW}"),
        "reviews": True,
        "may_review": may_review,
    }


def every_day(
    rows: Iterable[tuple[date, int]], *, today: date, days: int
) -> list[tuple[date, int]]:
    """One (day, total) per day of the period, oldest first, zero where nothing was counted."""
    totals = dict(rows)
    first = today - timedelta(days=days - 1)
    return [
        (first + timedelta(days=offset), totals.get(first + timedelta(days=offset)) or 0)
        for offset in range(days)
    ]


def outcome_chart(*, today: date, days: int = CHART_DAYS) -> DayChart:
    since = today - timedelta(days=days - 1)
    rows = (
        OutcomeCount.objects.filter(day__gte=since)
        .values("day")
        .annotate(total=Sum("count"))
        .values_list("day", "total")
    )
    return DayChart(_("Wizard results reached, per day"), every_day(rows, today=today, days=days))


def search_chart(*, today: date, days: int = CHART_DAYS) -> DayChart:
    since = today - timedelta(days=days - 1)
    rows = (
        SearchLog.objects.filter(date__gte=since)
        .values("date")
        .annotate(total=Sum("hits"))
        .values_list("date", "total")
    )
    return DayChart(_("Searches, per day"), every_day(rows, today=today, days=days))


def outcome_shares(*, today: date, days: int = CHART_DAYS) -> list[OutcomeShare]:
    """The outcomes visitors reached most in the period, with bar lengths."""
    since = today - timedelta(days=days - 1)
    rows = list(
        Outcome.objects.annotate(reached=Sum("counts__count", filter=Q(counts__day__gte=since)))
        .filter(reached__gt=0)
        .order_by("-reached", "title")
        .values_list("pk", "title", "reached")[:TOP_OUTCOMES]
    )
    most = rows[0][2] if rows else 0
    return [
        OutcomeShare(
            title,
            reached,
            reverse("admin:contact_outcome_change", args=[pk]),
            round(100 * reached / most),
        )
        for pk, title, reached in rows
    ]


def day_chart_svg(*, days: list[tuple[date, int]], title: str) -> SafeString:
    """Columns, one per day, scaled to the busiest day; each says its day and figure on hover."""
    peak = max((value for _day, value in days), default=0)
    width = BAR_STEP * len(days)
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
        (
            (
                index * BAR_STEP,
                CHART_HEIGHT - height,
                BAR_WIDTH,
                height,
                day.isoformat(),
                value,
            )
            for index, (day, value) in enumerate(days)
            for height in [round(CHART_HEIGHT * value / peak) if peak else 0]
        ),
    )
    return format_html(
        '<svg class="dashboard-chart" role="img" viewBox="0 0 {} {}" width="{}" height="{}" '
        'preserveAspectRatio="none" aria-label="{}" fill="{}">'
        '<line x1="0" y1="{}" x2="{}" y2="{}" stroke="#767676" stroke-width="1"/>{}</svg>',
        width,
        CHART_HEIGHT,
        width,
        CHART_HEIGHT,
        title,
        BAR_COLOUR,
        CHART_HEIGHT,
        width,
        CHART_HEIGHT,
        bars,
    )


def dashboard_for(user, *, today: date) -> dict:
    """Everything the admin home page shows `user` above the list of models."""
    board: dict = {"tasks": tasks_for(user, today=today), "chart_days": CHART_DAYS}
    board.update(review_lists(user))
    if user.has_perm("contact.view_outcomecount"):
        board["outcomes"] = outcome_chart(today=today)
        board["outcome_shares"] = outcome_shares(today=today)
    if user.has_perm("faq.view_searchlog"):
        board["searches"] = search_chart(today=today)
    if user.has_perm("contact.view_question"):
        board["flow_url"] = reverse("admin:contact_flow_diagram")
    return board
