"""Site-wide pages: health check, robots.txt, error pages and the shared layout."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import OperationalError
from django.test import Client
from django.urls import path, reverse
from django.utils import timezone

from interpolinfo import urls as project_urls


def raise_bad_request(request):
    raise SuspiciousOperation("tampered input")


def raise_forbidden(request):
    raise PermissionDenied


def raise_error(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("boom/400", raise_bad_request),
    path("boom/403", raise_forbidden),
    path("boom/500", raise_error),
    *project_urls.urlpatterns,
]
handler400 = project_urls.handler400
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500


@pytest.mark.django_db
def test_healthz_reports_a_working_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr("interpolinfo.views.connection.cursor", broken_cursor)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable"}


def test_robots_txt_names_no_path_and_points_to_the_sitemap(client, settings):
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow" not in body
    assert settings.ADMIN_PATH.strip("/") not in body
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in body


def test_admin_pages_tell_search_engines_not_to_index_them(client, settings):
    response = client.get(f"/{settings.ADMIN_PATH}login/")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get(reverse("faq:home"))


def test_security_txt_gives_the_contact_and_an_expiry_in_the_future(client, settings):
    settings.SECURITY_TXT_CONTACT = "mailto:security@interpolinfo.example"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(
        line.split(": ", 1) for line in response.content.decode().splitlines() if ": " in line
    )
    assert fields["Contact"] == "mailto:security@interpolinfo.example"
    expires = datetime.fromisoformat(fields["Expires"])
    # RFC 9116 asks for less than a year ahead; renew SECURITY_TXT_EXPIRES before it passes.
    assert timezone.now() < expires <= timezone.now() + timedelta(days=366)


def test_without_a_security_contact_there_is_no_security_txt(client, settings):
    settings.SECURITY_TXT_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404


def assert_friendly_error_page(response, status):
    assert response.status_code == status
    html = response.content.decode()
    assert f'href="{reverse("faq:home")}"' in html
    assert f'href="{reverse("contact:start")}"' in html
    assert f'action="{reverse("faq:search")}"' in html
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.django_db
def test_unknown_address_gets_a_friendly_404(client):
    response = client.get("/no-such-page/")
    assert_friendly_error_page(response, 404)
    assert b"We cannot find that page" in response.content


@pytest.mark.django_db
@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "status", "headline"),
    [
        ("/boom/400", 400, b"We could not understand that request"),
        ("/boom/403", 403, b"This page is not open to you"),
        ("/boom/500", 500, b"Something went wrong on our side"),
    ],
)
def test_errors_get_friendly_pages_that_lead_back(url, status, headline):
    client = Client(raise_request_exception=False)
    response = client.get(url)
    assert_friendly_error_page(response, status)
    assert headline in response.content


@pytest.mark.django_db
def test_every_page_says_it_is_independent_and_shows_the_emergency_notice(client):
    html = client.get(reverse("faq:home")).content.decode()
    assert 'class="visually-hidden-focusable skip-link" href="#main"' in html
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert "This site is not INTERPOL" in html
    assert "In danger now?" in html
    assert "Call your local emergency number" in html
    assert f'href="{reverse("faq:about")}"' in html


@pytest.mark.django_db
def test_the_about_page_says_who_runs_the_site_and_exactly_what_it_keeps(client):
    response = client.get(reverse("faq:about"))
    assert response.status_code == 200
    assert b"We do not collect your name" in response.content
    assert b"delete them after 90 days" in response.content
