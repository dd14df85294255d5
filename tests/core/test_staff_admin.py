"""Adding a staff member is one screen: name, password twice, email and roles."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a long Passphrase 4 staff"


def test_the_add_page_asks_for_name_password_email_and_roles(admin_client):
    page = admin_client.get(reverse("admin:auth_user_add")).content.decode()
    for name in ("username", "password1", "password2", "email"):
        assert f'name="{name}"' in page
    for role in ("Editors", "Publishers", "Wizard editors"):
        assert role in page
    assert 'type="checkbox" name="groups"' in page


def test_one_submit_makes_a_staff_member_with_their_roles_and_returns_to_the_list(admin_client):
    roles = Group.objects.filter(name__in=["Editors", "Wizard editors"])
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "wendy",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "email": "wendy@example.org",
            "groups": [str(group.pk) for group in roles],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:auth_user_changelist")
    wendy = User.objects.get(username="wendy")
    assert wendy.is_staff and not wendy.is_superuser
    assert wendy.email == "wendy@example.org"
    assert wendy.check_password(PASSWORD)
    assert set(wendy.groups.values_list("name", flat=True)) == {"Editors", "Wizard editors"}


def test_a_staff_member_needs_a_role_and_matching_passwords(admin_client):
    response = admin_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "wendy",
            "password1": PASSWORD,
            "password2": PASSWORD + "x",
            "email": "wendy@example.org",
        },
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "groups" in errors and "password2" in errors
    assert not User.objects.filter(username="wendy").exists()
