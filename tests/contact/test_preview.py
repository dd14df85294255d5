"""An outcome is previewed as its result page from the unsaved form; nothing is saved."""

import pytest

from contact.models import Outcome, Question
from tests.change_forms import posted_form
from tests.core.test_preview import change_url, preview_url, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("starter_flow_for_module")]


def test_an_outcome_is_previewed_as_its_result_page(admin_client):
    outcome = Outcome.objects.get(slug="media")
    data = posted_form(admin_client.get(change_url(outcome)))
    data.update(title_en="Talk to the press office", body_en="Have your **questions** ready.")
    outcomes = snapshot(Outcome)
    response = admin_client.post(preview_url(outcome), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Talk to the press office</h1>" in page
    assert "Have your <strong>questions</strong> ready." in page
    assert snapshot(Outcome) == outcomes


def test_the_outcome_change_form_has_the_preview_buttons(admin_client):
    outcome = Outcome.objects.get(slug="media")
    page = admin_client.get(change_url(outcome)).content.decode()
    assert f'formaction="{preview_url(outcome)}" formtarget="_blank"' in page


def test_a_question_has_no_public_page_and_so_no_preview_button(admin_client):
    question = Question.objects.get(slug="start")
    assert "formtarget" not in admin_client.get(change_url(question)).content.decode()
