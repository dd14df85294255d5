"""Staff edit the flow in the admin; edits that would break it are refused."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from contact.flow import load_flow, validate_flow
from contact.models import Channel, Choice, Outcome, OutcomeCount, Question
from tests.admin_forms import EnglishAdminClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_client, starter_flow_for_module):
    return EnglishAdminClient(admin_client, [Question, Choice, Outcome, Channel])


def question_form(question: Question, **changes) -> dict:
    """POST data for the question's change form, as the admin page would send it."""
    choices = list(question.choices.all())
    data = {
        "slug": question.slug,
        "text": question.text,
        "hint": question.hint,
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": str(len(choices)),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    if question.is_start:
        data["is_start"] = "on"
    for index, choice in enumerate(choices):
        prefix = f"choices-{index}-"
        data.update(
            {
                f"{prefix}id": str(choice.pk),
                f"{prefix}question": str(question.pk),
                f"{prefix}label": choice.label,
                f"{prefix}slug": choice.slug,
                f"{prefix}hint": choice.hint,
                f"{prefix}next_question": str(choice.next_question_id or ""),
                f"{prefix}outcome": str(choice.outcome_id or ""),
                f"{prefix}order": str(choice.order),
            }
        )
    data.update(changes)
    return data


def add_choice(data: dict, **fields) -> dict:
    index = int(data["choices-TOTAL_FORMS"])
    data["choices-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"choices-{index}-{name}"] = value
    return data


def change_url(obj) -> str:
    return reverse(f"admin:contact_{obj._meta.model_name}_change", args=[obj.pk])


def test_every_change_page_shows_the_flow_validation_result(staff):
    for obj in (
        Question.objects.get(slug="start"),
        Outcome.objects.get(slug="media"),
        Channel.objects.get(slug="interpol-faqs"),
    ):
        response = staff.get(change_url(obj))
        assert response.status_code == 200
        assert "The contact wizard's flow is valid." in response.content.decode()


def test_removing_every_answer_of_a_question_in_use_is_refused(staff):
    question = Question.objects.get(slug="danger")
    data = question_form(question, **{"choices-0-DELETE": "on", "choices-1-DELETE": "on"})
    response = staff.post(change_url(question), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "This change would break the contact wizard, so it was not saved:" in page
    assert "has no answers: visitors would be stuck" in page
    assert question.choices.count() == 2


def test_an_answer_that_creates_a_cycle_is_refused(staff):
    question = Question.objects.get(slug="already-acted")
    start = Question.objects.get(slug="start")
    data = question_form(question)
    add_choice(data, label="Back", slug="back", next_question=str(start.pk), order="9")
    response = staff.post(change_url(question), data)
    assert "go round in a circle" in response.content.decode()
    assert not Choice.objects.filter(slug="back").exists()


def test_an_answer_leading_to_both_a_question_and_an_outcome_is_refused(staff):
    question = Question.objects.get(slug="danger")
    data = question_form(question)
    add_choice(
        data,
        label="Both",
        slug="both",
        next_question=str(Question.objects.get(slug="already-acted").pk),
        outcome=str(Outcome.objects.get(slug="media").pk),
        order="9",
    )
    response = staff.post(change_url(question), data)
    assert "A choice leads to exactly one thing" in response.content.decode()
    assert not Choice.objects.filter(slug="both").exists()


def test_taking_the_last_channel_from_an_outcome_is_refused(staff):
    outcome = Outcome.objects.get(slug="media")
    response = staff.post(
        change_url(outcome),
        {
            "title": outcome.title,
            "slug": outcome.slug,
            "urgency": outcome.urgency,
            "summary": outcome.summary,
            "body": outcome.body,
            "no_channel_reason": "",
        },
    )
    assert response.status_code == 200
    assert "has no channel and no reason for having none" in response.content.decode()
    assert outcome.channels.count() == 1


def test_the_first_question_cannot_be_deleted(staff):
    start = Question.objects.get(slug="start")
    response = staff.get(reverse("admin:contact_question_delete", args=[start.pk]))
    assert response.status_code == 403


def test_staff_add_a_question_and_an_outcome_and_it_is_live_at_once(staff, client):
    outcome_response = staff.post(
        reverse("admin:contact_outcome_add"),
        {
            "title": "Ask your embassy",
            "slug": "embassy",
            "urgency": "when_ready",
            "summary": "Your embassy can help citizens abroad.",
            "body": "",
            "channels": [str(Channel.objects.get(slug="interpol-faqs").pk)],
            "no_channel_reason": "",
        },
    )
    assert outcome_response.status_code == 302
    embassy = Outcome.objects.get(slug="embassy")

    new_question = {
        "slug": "abroad",
        "text": "Are you abroad?",
        "hint": "",
        "choices-TOTAL_FORMS": "0",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    add_choice(new_question, label="Yes", slug="yes", outcome=str(embassy.pk), order="1")
    assert staff.post(reverse("admin:contact_question_add"), new_question).status_code == 302
    abroad = Question.objects.get(slug="abroad")

    start = Question.objects.get(slug="start")
    data = add_choice(
        question_form(start), label="I am abroad", slug="abroad", next_question=str(abroad.pk)
    )
    data["choices-11-order"] = "20"
    response = staff.post(change_url(start), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    page = client.get(reverse("contact:question"), {"a": ["abroad"]})
    assert "Are you abroad?" in page.content.decode()
    result = client.get(reverse("contact:result"), {"a": ["abroad", "yes"]})
    assert "Ask your embassy" in result.content.decode()


def test_a_look_alike_official_address_is_refused_in_the_admin(staff):
    response = staff.post(
        reverse("admin:contact_channel_add"),
        {
            "slug": "fake",
            "name": "Fake INTERPOL",
            "url": "https://interpol.int.example.com/pay",
            "kind": "interpol",
            "purpose": "",
        },
    )
    assert response.status_code == 200
    assert "is not on the list of official domains" in response.content.decode()
    assert not Channel.objects.filter(slug="fake").exists()


def test_the_channel_list_flags_channels_not_verified_this_year(staff):
    response = staff.get(reverse("admin:contact_channel_changelist"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Verified this year" in page
    assert 'alt="False"' in page


def test_the_diagram_draws_every_question_and_outcome(staff):
    response = staff.get(reverse("admin:contact_flow_diagram"))
    assert response.status_code == 200
    page = response.content.decode()
    for outcome in Outcome.objects.all():
        assert change_url(outcome) in page
    for question in Question.objects.all():
        assert change_url(question) in page
    assert "shown above" in page  # "danger" is reached by two answers


def test_outcome_counts_are_visible_to_staff(staff):
    careers = Outcome.objects.get(slug="careers")
    assert careers.channels.count() == 2  # joins must not multiply the sums
    long_ago = timezone.localdate() - timedelta(days=40)
    for _visitor in range(3):
        OutcomeCount.record(outcome_id=careers.pk)
    for _visitor in range(2):
        OutcomeCount.record(outcome_id=careers.pk, day=long_ago)
    page = staff.get(reverse("admin:contact_outcome_changelist")).content.decode()
    assert "Visitors, last 30 days" in page
    assert '<td class="field-visits_30_days">3</td>' in page
    assert '<td class="field-visits_total">5</td>' in page
    counts = staff.get(reverse("admin:contact_outcomecount_changelist"))
    assert counts.status_code == 200
    assert "Apply through INTERPOL" in counts.content.decode()


def test_an_outcomes_only_channel_cannot_be_deleted_but_a_spare_one_can(staff):
    only = Channel.objects.get(slug="interpol-journalists")  # the media outcome's only channel
    spare = Channel.objects.get(slug="interpol-careers")  # careers also has secondments
    assert staff.get(reverse("admin:contact_channel_delete", args=[only.pk])).status_code == 403
    assert staff.get(reverse("admin:contact_channel_delete", args=[spare.pk])).status_code == 200


def test_every_saved_edit_has_a_history_entry_to_recover_from(staff):
    outcome = Outcome.objects.get(slug="media")
    data = {
        "title": "Contact the press office",
        "slug": outcome.slug,
        "urgency": outcome.urgency,
        "summary": outcome.summary,
        "body": outcome.body,
        "channels": [str(pk) for pk in outcome.channels.values_list("pk", flat=True)],
        "no_channel_reason": "",
    }
    assert staff.post(change_url(outcome), data).status_code == 302
    history = staff.get(reverse("admin:contact_outcome_history", args=[outcome.pk]))
    assert history.status_code == 200
    assert "Changed Title [en]." in history.content.decode()


def test_staff_can_list_the_channels_due_for_verification(staff):
    Channel.objects.filter(slug="interpol-faqs").update(last_verified=timezone.localdate())
    Channel.objects.filter(slug="interpol-ccf").update(
        last_verified=timezone.localdate() - timedelta(days=400)
    )
    response = staff.get(reverse("admin:contact_channel_changelist"), {"verification": "due"})
    due = {channel.slug for channel in response.context["cl"].result_list}
    assert "interpol-ccf" in due
    assert "interpol-contact-form" in due  # never verified
    assert "interpol-faqs" not in due
    recent = staff.get(reverse("admin:contact_channel_changelist"), {"verification": "recent"})
    verified = {channel.slug for channel in recent.context["cl"].result_list}
    assert "interpol-faqs" in verified
    assert not verified & due


def revert_form(question: Question, restored: Choice) -> dict:
    """The revision page's form after django-reversion put `restored` back."""
    data = question_form(question)
    data = add_choice(
        data,
        id=str(restored.pk),
        question=str(question.pk),
        label=restored.label,
        slug=restored.slug,
        hint="",
        next_question=str(restored.next_question_id),
        outcome="",
        order=str(restored.order),
    )
    data["choices-INITIAL_FORMS"] = data["choices-TOTAL_FORMS"]
    return data


def test_reverting_to_a_version_that_would_now_make_a_cycle_is_refused(staff):
    question = Question.objects.get(slug="already-acted")
    danger = Question.objects.get(slug="danger")
    go_on_form = question.choices.count()  # the added answer's place in the formset
    data = question_form(question)
    add_choice(data, label="Go on", slug="go-on", next_question=str(danger.pk), order="9")
    assert staff.post(change_url(question), data).status_code == 302
    go_on = Choice.objects.get(slug="go-on")
    version_with_go_on = Version.objects.get_for_object(question).first()
    revision_url = reverse(
        "admin:contact_question_revision", args=[question.pk, version_with_go_on.pk]
    )

    def remove_go_on() -> None:
        data = question_form(question, **{f"choices-{go_on_form}-DELETE": "on"})
        assert data[f"choices-{go_on_form}-slug"] == "go-on"
        assert staff.post(change_url(question), data).status_code == 302
        assert not Choice.objects.filter(slug="go-on").exists()

    remove_go_on()
    # While it breaks nothing, the old version can be restored.
    assert staff.post(revision_url, revert_form(question, go_on)).status_code == 302
    assert Choice.objects.filter(slug="go-on").exists()
    remove_go_on()
    data = question_form(danger)
    add_choice(data, label="Back", slug="back", next_question=str(question.pk), order="9")
    assert staff.post(change_url(danger), data).status_code == 302

    response = staff.post(revision_url, revert_form(question, go_on), follow=True)
    page = response.content.decode()
    assert "Restoring this version would break the contact wizard" in page
    assert "go round in a circle" in page
    assert not Choice.objects.filter(slug="go-on").exists()
    assert validate_flow(graph=load_flow()).ok
