"""A refused delete names the answers that use the item, each linked to its question."""

import pytest
from django.urls import reverse

from contact.models import Choice, Outcome, Question

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("starter_flow_for_module")]


def test_deleting_an_outcome_in_use_names_each_question_and_answer_with_a_link(admin_client):
    outcome = Outcome.objects.get(slug="media")
    users = list(Choice.objects.filter(outcome=outcome).select_related("question"))
    assert users
    response = admin_client.get(reverse("admin:contact_outcome_delete", args=[outcome.pk]))
    page = response.content.decode()
    assert "cannot be deleted: the answers below lead to it" in page
    assert "would require deleting the following protected related objects" not in page
    for choice in users:
        link = reverse("admin:contact_question_change", args=[choice.question_id])
        assert f'<a href="{link}">{choice.question.text}</a> → answer “{choice.label}”' in page


def test_a_question_other_answers_lead_to_is_not_deleted_and_says_which(admin_client):
    question = Question.objects.get(slug="already-acted")
    leading = Choice.objects.filter(next_question=question).select_related("question").first()
    assert leading is not None
    url = reverse("admin:contact_question_delete", args=[question.pk])
    page = admin_client.get(url).content.decode()
    assert f"→ answer “{leading.label}”" in page
    admin_client.post(url, {"post": "yes"})
    assert Question.objects.filter(pk=question.pk).exists()
