"""Wizard editors keep the wizard and the directory up to date without being superusers."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, User
from django.urls import reverse

from contact.models import Channel, Choice, Outcome, Question
from tests.admin_forms import EnglishAdminClient
from tests.contact.test_admin import change_url, question_form

pytestmark = pytest.mark.django_db


def staff_in(group_name: str, username: str) -> User:
    user = User.objects.create_user(username, password="unused-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name=group_name))
    return user


def logged_in(client, user: User) -> EnglishAdminClient:
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
        "country_kinds": outcome.country_kinds,
        **changes,
    }


def test_the_wizard_editors_group_may_edit_the_wizard_and_the_directory_only():
    codenames = set(
        Group.objects.get(name="Wizard editors").permissions.values_list("codename", flat=True)
    )
    for model in ("question", "choice", "outcome", "channel", "country", "countrychannel"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= codenames
    assert {"change_territory", "view_outcomecount"} <= codenames
    assert "change_outcomecount" not in codenames
    assert not {code for code in codenames if code.endswith("article") or "user" in code}


def test_the_wizard_editors_migration_can_be_reversed():
    migration = importlib.import_module("contact.migrations.0004_wizard_editors_group")
    migration.remove_group(django_apps, None)
    assert not Group.objects.filter(name="Wizard editors").exists()


def test_a_wizard_editor_who_is_not_a_superuser_changes_a_question(client, starter_flow):
    staff = logged_in(client, staff_in("Wizard editors", "wendy"))
    question = Question.objects.get(slug="danger")
    assert staff.get(change_url(question)).status_code == 200
    response = staff.post(change_url(question), question_form(question, text="Are you safe?"))
    assert response.status_code == 302
    assert Question.objects.get(slug="danger").text == "Are you safe?"


def test_a_wizard_editor_changes_an_outcome(client, starter_flow):
    staff = logged_in(client, staff_in("Wizard editors", "wendy"))
    outcome = Outcome.objects.get(slug="media")
    assert staff.get(change_url(outcome)).status_code == 200
    response = staff.post(change_url(outcome), outcome_form(outcome, title="Talk to the press"))
    assert response.status_code == 302
    assert Outcome.objects.get(slug="media").title == "Talk to the press"


def test_a_wizard_editor_opens_the_country_directory(client, starter_flow):
    staff = logged_in(client, staff_in("Wizard editors", "wendy"))
    assert staff.get(reverse("admin:directory_country_changelist")).status_code == 200
    assert staff.get(reverse("admin:directory_countrychannel_changelist")).status_code == 200


def test_an_editor_can_neither_open_nor_save_a_question_or_an_outcome(client, starter_flow):
    staff = logged_in(client, staff_in("Editors", "eddie"))
    question = Question.objects.get(slug="danger")
    outcome = Outcome.objects.get(slug="media")
    assert staff.get(change_url(question)).status_code == 403
    assert staff.get(change_url(outcome)).status_code == 403
    response = staff.post(change_url(question), question_form(question, text="Are you safe?"))
    assert response.status_code == 403
    assert Question.objects.get(slug="danger").text != "Are you safe?"
    response = staff.post(change_url(outcome), outcome_form(outcome, title="Talk to the press"))
    assert response.status_code == 403
    assert Outcome.objects.get(slug="media").title != "Talk to the press"
