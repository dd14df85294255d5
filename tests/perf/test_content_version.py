"""Every content save, delete or relation change moves the site-wide content version on."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from interpolinfo.content_version import bump_content_version, current_state, is_content_model
from interpolinfo.models import ContentVersion

pytestmark = pytest.mark.usefixtures("groups_are_content")


def version() -> int:
    return current_state().version


def test_saving_content_bumps_the_version():
    before = version()
    group = Group.objects.create(name="Perf testers")
    assert version() == before + 1
    group.name = "Perf writers"
    group.save()
    assert version() == before + 2


def test_deleting_content_bumps_the_version():
    group = Group.objects.create(name="Perf testers")
    before = version()
    group.delete()
    assert version() == before + 1


def test_changing_a_relation_bumps_the_version():
    group = Group.objects.create(name="Perf testers")
    permission = Permission.objects.first()
    before = version()
    group.permissions.add(permission)
    assert version() == before + 1
    group.permissions.clear()
    assert version() == before + 2


def test_changing_a_relation_from_the_other_side_bumps_the_version(settings):
    settings.CONTENT_VERSION_IGNORED_MODELS = ["auth.permission"]
    group = Group.objects.create(name="Perf testers")
    before = version()
    Permission.objects.first().group_set.add(group)
    assert version() == before + 1


def test_saving_a_model_outside_the_content_apps_leaves_the_version_alone():
    before = version()
    Session.objects.create(session_key="k" * 32, session_data="", expire_date=timezone.now())
    assert version() == before


def test_an_ignored_model_leaves_the_version_alone(settings):
    settings.CONTENT_VERSION_IGNORED_MODELS = ["auth.group"]
    before = version()
    Group.objects.create(name="Perf counters")
    assert not is_content_model(Group)
    assert version() == before


def test_a_bump_records_when_the_content_changed():
    before = current_state().changed_at
    bump_content_version()
    assert current_state().changed_at > before


def test_the_version_row_is_recreated_if_it_has_gone():
    ContentVersion.objects.all().delete()
    assert version() == 1
    Group.objects.create(name="Perf testers")
    assert version() == 2


def test_loading_the_starter_content_bumps_the_version_itself():
    """Its loaders bulk-create rows, which send no signals; here groups are the only content."""
    before = version()
    call_command("load_starter_content", stdout=StringIO())
    assert version() == before + 1
