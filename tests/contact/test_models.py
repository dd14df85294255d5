"""Official-address allow-list, outcome counts and the starter content."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from contact.models import Channel, Choice, Outcome, OutcomeCount, Question
from contact.starter import CHANNELS, SEEN_ON, load_starter_flow
from contact.validators import host_is_allowed, validate_official_url

ALLOWED = ["interpol.int", "police.uk"]


@pytest.mark.parametrize(
    "host",
    ["interpol.int", "www.interpol.int", "WWW.INTERPOL.INT", "www.interpol.int.", "x.police.uk"],
)
def test_allowed_domains_and_their_subdomains_pass(host):
    assert host_is_allowed(host=host, allowed_domains=ALLOWED)


@pytest.mark.parametrize(
    "host",
    ["interpol.int.example.com", "interpol-int.com", "evilinterpol.int", "interpol.in", "uk", ""],
)
def test_look_alike_domains_are_refused(host):
    assert not host_is_allowed(host=host, allowed_domains=ALLOWED)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://www.interpol.int/",
        "javascript:alert(1)",
        "https://interpol.int.example.com/",
        "https://www.interpol.int@evil.example/",
        "https://user:pw@www.interpol.int/",
        "https://interpol-int.com/",
        "//www.interpol.int/",
    ],
)
def test_the_validator_refuses_bad_official_addresses(url):
    with pytest.raises(ValidationError):
        validate_official_url(url)


def test_a_plain_http_channel_address_is_refused_even_on_an_official_domain():
    with pytest.raises(ValidationError, match="https://"):
        validate_official_url("http://www.interpol.int/en/FAQs")


def test_the_validator_accepts_an_allow_listed_https_address():
    validate_official_url("https://www.interpol.int/en/FAQs")


def test_staff_can_extend_the_allow_list_in_settings(settings):
    with pytest.raises(ValidationError):
        validate_official_url("https://www.police.govt.nz/")
    settings.CONTACT_URL_ALLOWED_DOMAINS = [*settings.CONTACT_URL_ALLOWED_DOMAINS, "govt.nz"]
    validate_official_url("https://www.police.govt.nz/")


@pytest.mark.django_db
def test_a_channel_on_a_look_alike_domain_fails_model_validation():
    channel = Channel(slug="fake", name="Fake", url="https://interpol.int.example.com/x")
    with pytest.raises(ValidationError) as error:
        channel.full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.django_db
def test_the_database_refuses_a_non_http_address():
    with pytest.raises(IntegrityError):
        Channel.objects.create(slug="ftp", name="FTP", url="ftp://www.interpol.int/")


@pytest.mark.django_db
def test_the_database_refuses_a_choice_leading_to_two_places():
    question = Question.objects.create(slug="q", text="Q?")
    outcome = Outcome.objects.create(slug="o", title="O", summary=".")
    with pytest.raises(IntegrityError):
        Choice.objects.create(
            question=question, slug="c", label="C", next_question=question, outcome=outcome
        )


def test_a_record_never_verified_or_verified_over_a_year_ago_is_overdue():
    today = timezone.localdate()
    assert Channel(last_verified=None).verification_overdue
    assert Channel(last_verified=today - timedelta(days=366)).verification_overdue
    assert not Channel(last_verified=today - timedelta(days=30)).verification_overdue


@pytest.mark.django_db
def test_outcome_counts_add_up_per_day_in_one_statement(django_assert_num_queries):
    outcome = Outcome.objects.create(slug="o", title="O", summary=".")
    with django_assert_num_queries(1):
        OutcomeCount.record(outcome_id=outcome.pk, day=date(2026, 1, 1))
    OutcomeCount.record(outcome_id=outcome.pk, day=date(2026, 1, 1))
    OutcomeCount.record(outcome_id=outcome.pk, day=date(2026, 1, 2))
    counts = dict(OutcomeCount.objects.values_list("day", "count"))
    assert counts == {date(2026, 1, 1): 2, date(2026, 1, 2): 1}


@pytest.mark.django_db
def test_outcome_body_markdown_is_stored_sanitized():
    outcome = Outcome.objects.create(
        slug="o", title="O", summary=".", body="**Do not** pay. <script>x</script>"
    )
    assert outcome.body_html == "<p><strong>Do not</strong> pay. </p>"


@pytest.mark.django_db
def test_known_channels_are_imported_unverified_and_seen_ones_dated():
    load_starter_flow()
    assert Channel.objects.count() == len(CHANNELS)
    assert Channel.objects.get(slug="interpol-contact-form").last_verified is None
    assert Channel.objects.get(slug="interpol-ccf").last_verified == SEEN_ON
    for channel in Channel.objects.all():
        channel.full_clean()


@pytest.mark.django_db
def test_the_starter_never_overwrites_or_restores_staff_edits():
    load_starter_flow()
    Outcome.objects.filter(slug="media").update(title="Edited by staff")
    Channel.objects.filter(slug="interpol-faqs").update(name="Renamed")
    Choice.objects.get(question__slug="start", slug="jobs").delete()

    report = load_starter_flow()

    assert report.startswith("Contact flow: created 0 channels, 0 outcomes, 0 questions")
    assert Outcome.objects.get(slug="media").title == "Edited by staff"
    assert Channel.objects.get(slug="interpol-faqs").name == "Renamed"
    assert not Choice.objects.filter(question__slug="start", slug="jobs").exists()


@pytest.mark.django_db
def test_the_starter_recreates_what_is_missing():
    load_starter_flow()
    Channel.objects.filter(slug="interpol-faqs").update(slug="renamed")
    report = load_starter_flow()
    assert "created 1 channels" in report
    assert Channel.objects.filter(slug="interpol-faqs").exists()


# SQLite serialises writers; the race matters on PostgreSQL (the PostgreSQL+Redis pass).
@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_concurrent_visitors_never_lose_a_count():
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    assert connection.vendor == "postgresql", "a race between two writers needs PostgreSQL"
    outcome = Outcome.objects.create(slug="o", title="O", summary=".")
    day = date(2026, 1, 1)

    def visit(_number: int) -> None:
        try:
            OutcomeCount.record(outcome_id=outcome.pk, day=day)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(visit, range(80)))
    assert OutcomeCount.objects.get(outcome=outcome, day=day).count == 80
