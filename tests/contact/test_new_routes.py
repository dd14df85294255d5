"""Issue 10's new wizard routes, walked over HTTP from the first question to the result."""

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("starter_flow_for_module")]

QUESTION = reverse("contact:question")
RESULT = reverse("contact:result")


def result_for(client, answers: list[str]) -> str:
    response = client.get(RESULT, {"a": answers})
    assert response.status_code == 200, answers
    return response.content.decode()


def test_someone_in_danger_sees_that_answer_first_and_lands_on_the_emergency_page(client):
    page = client.get(QUESTION).content.decode()
    assert page.index('value="danger-now"') < page.index('value="message"')
    assert "Call your local emergency number now" in result_for(client, ["danger-now"])


def test_a_visitor_who_clicked_a_link_is_told_to_change_passwords(client):
    page = result_for(client, ["message", "money", "clicked-link"])
    assert "change it now" in page


def test_a_visitor_whose_device_is_controlled_is_told_to_go_offline_and_call_the_bank(client):
    page = result_for(client, ["message", "not-sure", "installed-app"])
    assert "Turn off the internet" in page
    assert "Call your bank" in page


def test_a_visitor_who_paid_and_shared_calls_the_bank_before_anything_else(client):
    page = result_for(client, ["message", "money", "paid-and-shared"])
    assert page.index("Call your bank") < page.index("Change any password")


def test_a_caller_posing_as_local_police_is_named_as_a_scam_sign(client):
    page = result_for(client, ["message", "local-police"])
    assert "Hang up" in page


def test_a_digital_arrest_call_is_named_as_a_scam(client):
    page = result_for(client, ["message", "video-call"])
    assert "You are not under arrest" in page


def test_sextortion_gives_under_eighteens_their_own_help(client):
    page = result_for(client, ["message", "sexual-images"])
    assert "If you are under 18" in page
    assert "Take It Down" in page


def test_reporting_the_message_itself_keeps_a_copy_first(client):
    page = result_for(client, ["message", "money", "report-message"])
    assert "Keep a copy" in page
    assert "7726" in page


def test_there_is_no_interpol_clearance_certificate(client):
    page = result_for(client, ["clearance"])
    assert "There is no INTERPOL clearance certificate" in page


def test_the_scam_message_outcome_keeps_evidence_before_blocking(client):
    page = result_for(client, ["message", "money", "nothing-yet"])
    assert page.index("Keep the evidence") < page.index("block the sender")
