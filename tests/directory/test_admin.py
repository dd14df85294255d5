from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.models import Country, CountryChannel
from tests.directory.sample import make_sample_directory

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory_sample():
    return make_sample_directory()


def listed(admin_client, model: str, **query) -> str:
    response = admin_client.get(reverse(f"admin:directory_{model}_changelist"), query)
    assert response.status_code == 200
    return response.content.decode()


def test_countries_with_no_reporting_channel_are_listed(admin_client, directory_sample):
    Country.objects.create(code="JP", emergency_police="110")
    page = listed(admin_client, "country", reporting="none")
    assert "Japan" in page
    assert "Nigeria" not in page  # it has a police channel
    assert "Nigeria" in listed(admin_client, "country", reporting="no-fraud")


def test_unverified_channels_are_listed(admin_client, directory_sample):
    page = listed(admin_client, "countrychannel", source="unverified")
    assert "ReportCyber" in page
    assert "Scamwatch" not in page


def test_overdue_and_failing_link_checks_are_listed(admin_client, directory_sample):
    now = timezone.now()
    CountryChannel.objects.filter(name="Scamwatch").update(
        last_checked_at=now, last_check_status=200
    )
    CountryChannel.objects.filter(name="ReportCyber").update(
        last_checked_at=now - timedelta(days=90), last_check_status=404
    )
    overdue = listed(admin_client, "countrychannel", check="overdue")
    assert "ReportCyber" in overdue and "Report Fraud" in overdue
    assert "Scamwatch" not in overdue
    failing = listed(admin_client, "countrychannel", check="failing")
    assert "ReportCyber" in failing and "Scamwatch" not in failing


def test_an_address_off_the_countrys_domains_is_refused_in_the_admin(
    admin_client, directory_sample
):
    nigeria = directory_sample["NG"]
    response = admin_client.post(
        reverse("admin:directory_countrychannel_add"),
        {
            "country": nigeria.pk,
            "kind": "fraud",
            "name": "Fake EFCC",
            "url": "https://efcc-gov-ng.example.com",
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert "not on the list of official domains" in response.content.decode()
    assert not CountryChannel.objects.filter(name="Fake EFCC").exists()


def test_visitors_see_when_a_channel_was_last_checked(client, directory_sample):
    from contact.starter import load_starter_flow

    load_starter_flow()
    CountryChannel.objects.filter(name="Scamwatch").update(
        last_checked_at=timezone.now(), last_check_status=200
    )
    page = client.get(
        reverse("contact:result"), {"a": ["message", "money", "paid"], "country": "AU"}
    ).content.decode()
    assert f"Last checked {timezone.localdate():%-d %B %Y}." in page
