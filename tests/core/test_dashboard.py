"""The admin home page says what needs doing, with two small charts drawn on the server."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contact.models import Outcome, OutcomeCount
from contact.starter import load_starter_flow
from directory.models import CountryChannel
from faq.models import SearchLog
from interpolinfo.dashboard import CHART_DAYS, day_chart_svg, every_day, tasks_for
from tests.directory.sample import make_sample_directory
from tests.faq.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def work(db):
    """Something to do of each kind, and some visits and searches to chart."""
    load_starter_flow()
    make_sample_directory()
    today = timezone.localdate()
    make_article(title="Old facts", last_reviewed=today - timedelta(days=400))
    CountryChannel.objects.filter(name="Scamwatch").update(
        last_checked_at=timezone.now(), last_check_status=404
    )
    SearchLog.objects.create(query="red notice on me", date=today, result_count=0, hits=3)
    SearchLog.objects.create(query="old miss", date=today - timedelta(days=20), result_count=0)
    SearchLog.objects.create(
        query="interpol", date=today - timedelta(days=2), hits=5, result_count=4
    )
    media = Outcome.objects.get(slug="media")
    OutcomeCount.objects.create(outcome=media, day=today, count=7)
    OutcomeCount.objects.create(outcome=media, day=today - timedelta(days=100), count=50)
    return today


def index(client) -> str:
    """The admin home page, with runs of white space as one space."""
    return " ".join(client.get(reverse("admin:index")).content.decode().split())


def test_the_home_page_lists_what_needs_doing_each_linked_to_its_list(admin_client, work):
    page = index(admin_client)
    assert "What needs doing" in page
    assert "1 knowledge-base item needs review" in page
    assert "National channels that failed their last link check: 1" in page
    assert "Searches with no result in the last 7 days: 1" in page
    assert f'href="{reverse("admin:faq_needs_review")}"' in page
    assert f'href="{reverse("admin:contact_flow_diagram")}"' in page


def test_each_count_is_the_number_of_rows_its_link_shows(admin_client, work):
    user = User.objects.get(username="admin")
    checked = 0
    for task in tasks_for(user, today=work):
        if task.url.startswith(reverse("admin:contact_channel_changelist")) and "o=" in task.url:
            continue  # sorted, not filtered: the failing channels come first
        response = admin_client.get(task.url)
        assert response.status_code == 200, task.url
        shown = (
            len(response.context["items"])
            if "items" in response.context
            else response.context["cl"].result_count
        )
        assert shown == task.count, task.text
        checked += 1
    assert checked == 5


def test_the_charts_count_the_last_90_days_only(admin_client, work):
    page = index(admin_client)
    assert "Wizard results reached, per day, last 90 days: 7 in all; busiest day" in page
    assert "Searches, per day, last 90 days: 9 in all" in page
    assert page.count('<svg class="dashboard-chart"') == 2
    assert "<script" not in page.split('id="dashboard-heading"')[1].split("</section>")[0]


def test_a_day_chart_has_one_bar_a_day_scaled_to_the_busiest(work):
    days = every_day([(work, 10), (work - timedelta(days=1), 5)], today=work, days=CHART_DAYS)
    assert len(days) == CHART_DAYS and days[-1] == (work, 10) and days[0][1] == 0
    svg = str(day_chart_svg(days=days, title="Searches"))
    heights = [int(height) for height in re.findall(r'<rect [^>]*height="(\d+)"', svg)]
    assert len(heights) == CHART_DAYS
    assert heights[-1] == 60 and heights[-2] == 30 and heights[0] == 0
    assert f"<title>{work.isoformat()}: 10</title>" in svg


def test_a_wizard_editor_sees_the_wizard_work_and_not_the_knowledge_base(client, work):
    wendy = User.objects.create_user("wendy", password="unused-password-1", is_staff=True)
    wendy.groups.add(Group.objects.get(name="Wizard editors"))
    client.force_login(wendy)
    page = index(client)
    assert "National channels that failed their last link check: 1" in page
    assert "Wizard results reached, per day" in page
    assert "needs review" not in page
    assert "Searches, per day" not in page


def test_the_home_page_costs_the_same_queries_however_much_there_is(admin_client, work):
    with CaptureQueriesContext(connection) as before:
        index(admin_client)
    media = Outcome.objects.get(slug="media")
    OutcomeCount.objects.bulk_create(
        OutcomeCount(outcome=outcome, day=work - timedelta(days=offset), count=offset + 1)
        for offset in range(1, 60)
        for outcome in Outcome.objects.exclude(pk=media.pk)
    )
    SearchLog.objects.bulk_create(
        SearchLog(query=f"query {n}", date=work - timedelta(days=n % 30), result_count=n % 2)
        for n in range(300)
    )
    with CaptureQueriesContext(connection) as after:
        index(admin_client)
    assert len(after) == len(before)
    print(f"admin home page: {len(after)} queries")
    assert len(after) <= 15, [query["sql"] for query in after.captured_queries]
