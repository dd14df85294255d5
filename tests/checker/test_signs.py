"""Warning signs as staff see them: the starter set, checks on save, the admin trend."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from checker.models import SignCount, WarningSign, record_check
from checker.starter import load_starter_signs, read_signs
from interpolinfo.translations import language_codes

pytestmark = pytest.mark.django_db

ADMIN_ADD = "admin:checker_warningsign_add"


def test_the_starter_set_has_at_least_25_signs_in_four_languages(signs):
    records = read_signs()
    assert len(records) >= 25
    assert WarningSign.objects.count() == len(records)
    for sign in WarningSign.objects.all():
        for code in language_codes():
            assert getattr(sign, f"name_{code}"), (sign.key, code)
            assert getattr(sign, f"explanation_{code}"), (sign.key, code)
        assert sign.detector or sign.languages == ["en", "fr", "es", "ar"], sign.key
        assert sign.must_match and sign.must_not_match, sign.key
        assert sign.example_failures() == [], sign.key


def test_loading_again_keeps_what_staff_changed(signs):
    sign = WarningSign.objects.get(key="gift-cards")
    sign.name_en = "Gift cards (edited)"
    sign.phrases_en = "gift card*"
    sign.save()
    report = load_starter_signs()
    sign.refresh_from_db()
    assert (sign.name_en, sign.phrases_en) == ("Gift cards (edited)", "gift card*")
    assert "created 0 warning signs" in report


def sign_form(**changes) -> dict:
    data = {
        "key": "test-sign",
        "name_en": "Asks for stamps",
        "explanation_en": "Nobody pays a fine in stamps.",
        "phrases_en": "postage stamp*",
        "pattern": "",
        "detector": "",
        "must_match": "Send 20 postage stamps",
        "must_not_match": "Stamp your feet",
        "order": "0",
        "is_active": "on",
    }
    return {**data, **changes}


def test_staff_can_add_a_sign_whose_examples_hold(admin_client):
    response = admin_client.post(reverse(ADMIN_ADD), sign_form())
    assert response.status_code == 302
    assert WarningSign.objects.get(key="test-sign").languages == ["en"]


def test_an_example_the_sign_gets_wrong_is_shown_on_save(admin_client):
    response = admin_client.post(reverse(ADMIN_ADD), sign_form(must_not_match="Buy postage stamps"))
    assert response.status_code == 200
    assert "Found, but must not be: “Buy postage stamps”" in response.content.decode()
    assert not WarningSign.objects.exists()


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+stamp", r"(a|aa)+$", r"stamps?("])
def test_an_expression_that_could_run_too_long_or_is_broken_is_refused(admin_client, pattern):
    response = admin_client.post(reverse(ADMIN_ADD), sign_form(pattern=pattern))
    assert response.status_code == 200
    assert "This expression is refused" in response.content.decode()
    assert not WarningSign.objects.exists()


def test_a_sign_must_detect_something(admin_client):
    response = admin_client.post(reverse(ADMIN_ADD), sign_form(phrases_en="", must_match=""))
    assert (
        "Give at least one phrase, an expression or a built-in check." in response.content.decode()
    )


def test_the_admin_shows_each_signs_daily_counts_as_a_small_chart(admin_client, signs):
    sign = WarningSign.objects.get(key="crypto")
    today = timezone.localdate()
    record_check(sign_ids=[sign.pk])
    record_check(sign_ids=[sign.pk], day=today - timedelta(days=3))
    record_check(sign_ids=[sign.pk], day=today - timedelta(days=40))  # outside the chart
    assert SignCount.objects.filter(sign=sign).count() == 3
    html = admin_client.get(reverse("admin:checker_warningsign_changelist")).content.decode()
    assert html.count('<svg role="img"') == WarningSign.objects.count()
    assert "<script" not in html.split("result_list")[1].split("</table>")[0]
    row = html[html.index(sign.name) :].split("</tr>")[0]
    assert row.count('height="24" fill') == 2
    assert "</svg> 2" in row


def test_counts_are_read_only_in_the_admin(admin_client, signs):
    record_check(sign_ids=[])
    assert admin_client.get(reverse("admin:checker_checkcount_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:checker_checkcount_add")).status_code == 403
