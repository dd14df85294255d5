"""The admin is this site's own: its name, not Django's, in the header and the title."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_names_this_site_not_django(client):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    html = client.get(reverse("admin:index")).content.decode()
    assert "interpolinfo — staff" in html
    assert "<title>Content and settings | interpolinfo staff</title>" in html
    assert "Django administration" not in html
    assert "Django site admin" not in html


def test_the_login_page_names_this_site_too(client):
    html = client.get(reverse("admin:login")).content.decode()
    assert "interpolinfo — staff" in html
    assert "Django administration" not in html


def test_the_admin_names_are_translatable():
    from django.contrib import admin

    # Lazy strings, so each request shows them in the language it is served in.
    assert type(admin.site.site_header).__name__ == "__proxy__"
