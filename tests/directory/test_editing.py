"""Two people editing one country: the later save from an older form is refused."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from directory.models import Country
from tests.directory.sample import make_sample_directory

pytestmark = pytest.mark.django_db


def country_form(country: Country, **changes) -> dict:
    return {
        "code": country.code.code,
        "region": country.region,
        "membership_source": country.membership_source,
        "emergency_general": country.emergency_general,
        "emergency_police": country.emergency_police,
        "emergency_ambulance": country.emergency_ambulance,
        "emergency_fire": country.emergency_fire,
        "source_url": country.source_url,
        "source_seen": country.source_seen.isoformat() if country.source_seen else "",
        "notes_en": country.notes,
        "official_domains": country.official_domains,
        "reviewer_notes": country.reviewer_notes,
        "channels-TOTAL_FORMS": "0",
        "channels-INITIAL_FORMS": "0",
        "territories-TOTAL_FORMS": "0",
        "territories-INITIAL_FORMS": "0",
        **changes,
    }


def test_a_country_saved_from_a_stale_form_is_refused_and_nothing_is_overwritten():
    country = make_sample_directory()["AU"]
    url = reverse("admin:directory_country_change", args=[country.pk])
    alice, bob = Client(), Client()
    alice.force_login(User.objects.create_superuser("alice", "a@example.org", "x"))
    bob.force_login(User.objects.create_superuser("bob", "b@example.org", "x"))
    html = alice.get(url).content.decode()
    opened = int(re.search(r'name="version" value="(\d+)"', html).group(1))

    saved = alice.post(url, country_form(country, emergency_police="000 (police)", version=opened))
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    refused = bob.post(url, country_form(country, reviewer_notes="Bob checked.", version=opened))
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "<td>000 (police)</td><td>—</td>" in page
    assert "Bob checked.</textarea>" in page
    country.refresh_from_db()
    assert (country.emergency_police, country.reviewer_notes) == ("000 (police)", "")
