"""Staff editing of the wizard: outcome links are checked, and no edit is lost silently."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.test import Client

from contact.models import Channel, Choice, Outcome, Question
from tests.admin_forms import EnglishAdminClient
from tests.contact.test_admin import change_url, question_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("starter_flow_for_module")]

UNOFFICIAL = "https://example.org/help"


def staff_client(username: str, *, publisher: bool) -> EnglishAdminClient:
    user = User.objects.create_user(username, password="unused-password-1", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="contact",
            codename__in=[
                f"{action}_{model}"
                for model in ("outcome", "question", "choice")
                for action in ("view", "change", "add")
            ],
        )
    )
    if publisher:
        user.groups.add(Group.objects.get(name="Publishers"))
    client = Client()
    client.force_login(user)
    return EnglishAdminClient(client, [Question, Choice, Outcome, Channel])


def outcome_form(outcome: Outcome, **changes) -> dict:
    return {
        "title": outcome.title,
        "slug": outcome.slug,
        "urgency": outcome.urgency,
        "summary": outcome.summary,
        "body": outcome.body,
        "channels": [str(pk) for pk in outcome.channels.values_list("pk", flat=True)],
        "no_channel_reason": outcome.no_channel_reason,
        **changes,
    }


def version_in(html: str, name: str = "version") -> int:
    match = re.search(rf'name="{re.escape(name)}" value="(\d+)"', html)
    assert match, f"the form carries {name}"
    return int(match.group(1))


def test_an_outcome_links_to_an_unofficial_site_only_with_a_publishers_tick():
    outcome = Outcome.objects.get(slug="media")
    body = f"{outcome.body}\n\nSee [a guide]({UNOFFICIAL})."
    staff = staff_client("sam", publisher=False)
    assert 'name="allow_unofficial_links"' not in staff.get(change_url(outcome)).content.decode()
    refused = staff.post(
        change_url(outcome), outcome_form(outcome, body=body, allow_unofficial_links="on")
    )
    assert refused.status_code == 200
    assert f"Not on the list of official domains: {UNOFFICIAL}" in refused.content.decode()

    publisher = staff_client("pat", publisher=True)
    saved = publisher.post(
        change_url(outcome), outcome_form(outcome, body=body, allow_unofficial_links="on")
    )
    assert saved.status_code == 302
    outcome.refresh_from_db()
    assert f'<a href="{UNOFFICIAL}" rel="nofollow noopener noreferrer">a guide</a>' in (
        outcome.body_html
    )
    assert "(not an official site)" in outcome.body_html


def test_the_starter_outcomes_link_only_to_official_sites():
    outcomes = list(Outcome.objects.all())
    assert len(outcomes) > 5
    for outcome in outcomes:
        outcome.full_clean()
        assert not outcome.allow_unofficial_links
        assert "not an official site" not in outcome.body_html


def test_a_question_saved_from_a_stale_form_is_refused_with_both_texts():
    question = Question.objects.get(slug="danger")
    alice, bob = staff_client("alice", publisher=False), staff_client("bob", publisher=False)
    opened = version_in(alice.get(change_url(question)).content.decode())
    assert version_in(bob.get(change_url(question)).content.decode()) == opened

    saved = alice.post(
        change_url(question), question_form(question, text="Alice's wording?", version=opened)
    )
    assert saved.status_code == 302
    refused = bob.post(
        change_url(question), question_form(question, hint="Bob's hint.", version=opened)
    )
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved this since you opened it" in html
    assert "<td>Alice&#x27;s wording?</td>" in html
    assert "Bob&#x27;s hint.</textarea>" in html
    question.refresh_from_db()
    assert question.text == "Alice's wording?"
    assert question.hint != "Bob's hint."


def test_an_answer_saved_from_a_stale_form_is_refused_in_its_row():
    question = Question.objects.get(slug="danger")
    choice = question.choices.first()
    alice, bob = staff_client("alice", publisher=False), staff_client("bob", publisher=False)
    page = alice.get(change_url(question)).content.decode()
    opened = version_in(page, "choices-0-version")
    assert opened == choice.version

    first = question_form(
        question, **{"choices-0-label": "Alice's answer", "choices-0-version": opened}
    )
    assert alice.post(change_url(question), first).status_code == 302
    second = question_form(
        question, **{"choices-0-hint": "Bob's hint", "choices-0-version": opened}
    )
    second["choices-0-label"] = choice.label
    refused = bob.post(change_url(question), second)
    assert refused.status_code == 200
    assert "<td>Alice&#x27;s answer</td><td>" in refused.content.decode()
    choice.refresh_from_db()
    assert (choice.label, choice.hint) == ("Alice's answer", "")
