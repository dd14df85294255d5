"""Security headers, the production HTTPS behaviour and the admin login lockout."""

import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.core.test_settings import run_python

# Same on any database (response headers and middleware): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database


@pytest.fixture
def home(client, db):
    return client.get(reverse("faq:home"))


def test_content_security_policy_allows_only_this_site(home):
    policy = home["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_browser_hardening_headers_are_sent(home):
    assert home["X-Content-Type-Options"] == "nosniff"
    assert home["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert home["Cross-Origin-Opener-Policy"] == "same-origin"
    assert home["X-Frame-Options"] == "DENY"


def test_permissions_policy_turns_off_features_the_site_does_not_use(home):
    policy = home["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


PRODUCTION_REQUESTS = """
import json, django
django.setup()
from django.test import Client
client = Client()
secure = client.get("/robots.txt", secure=True)
plain = client.get("/robots.txt")
print(json.dumps({
    "secure_status": secure.status_code,
    "hsts": secure.get("Strict-Transport-Security", ""),
    "plain_status": plain.status_code,
    "plain_location": plain.get("Location", ""),
}))
"""


def test_production_redirects_to_https_and_sends_hsts():
    result = run_python(
        PRODUCTION_REQUESTS,
        PRODUCTION="true",
        SECRET_KEY="s" * 60,
        ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["secure_status"] == 200
    assert "max-age=31536000" in seen["hsts"]
    assert "includeSubDomains" in seen["hsts"]
    assert seen["plain_status"] == 301
    assert seen["plain_location"].startswith("https://")


@pytest.mark.django_db
class TestAdminLogin:
    url = reverse("admin:login")

    @pytest.fixture(autouse=True)
    def editor(self, db):
        return get_user_model().objects.create_user(
            "editor", password="correct horse battery", is_staff=True
        )

    def attempt(self, client, password):
        return client.post(
            self.url, {"username": "editor", "password": password, "next": "/admin/"}
        )

    def test_a_wrong_password_shows_the_login_form_again(self, client):
        response = self.attempt(client, "wrong")
        assert response.status_code == 200
        assert b"Please enter the correct username and password" in response.content

    def test_repeated_failures_lock_the_account_out_with_a_clear_message(self, client):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert self.attempt(client, "wrong").status_code == 200
        locked = self.attempt(client, "wrong")
        assert locked.status_code == 429
        assert b"Too many failed sign-in attempts" in locked.content
        # Even the right password is refused while the lockout lasts.
        assert self.attempt(client, "correct horse battery").status_code == 429

    def test_the_right_password_signs_in(self, client):
        response = self.attempt(client, "correct horse battery")
        assert response.status_code == 302
