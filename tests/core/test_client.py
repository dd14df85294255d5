"""The client's own address behind our proxy, never a header a client can forge; rate limits."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from faq.models import ArticleFeedback
from interpolinfo.client import client_address
from tests.faq.factories import make_article

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


def request_from(remote: str, forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


def test_without_a_trusted_proxy_the_address_is_the_connections(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_behind_our_proxy_the_client_is_the_address_the_proxy_saw(behind_proxy):
    # A client may send its own X-Forwarded-For; our proxy appends the real address last.
    request = request_from(PROXY, "198.51.100.1, 203.0.113.7")
    assert client_address(request) == "203.0.113.7"


def test_a_forwarded_header_sent_straight_to_the_site_is_ignored(behind_proxy):
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_a_malformed_forwarded_address_falls_back_to_the_proxy(behind_proxy):
    assert client_address(request_from(PROXY, "not-an-address")) == PROXY


@pytest.mark.django_db
def test_bad_logins_from_one_client_do_not_lock_out_the_admin_from_another(behind_proxy, settings):
    settings.AXES_FAILURE_LIMIT = 5
    get_user_model().objects.create_superuser("admin", "admin@example.org", "right-password-42")
    login = f"/{settings.ADMIN_PATH}login/"
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _attempt in range(6):
        attacker.post(login, {"username": "admin", "password": "wrong"})
    locked = attacker.post(login, {"username": "admin", "password": "right-password-42"})
    assert locked.status_code == 429

    admin = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.10")
    response = admin.post(login, {"username": "admin", "password": "right-password-42"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_script_cannot_stuff_helpful_votes(settings):
    settings.VOTE_RATE_LIMIT = 3
    article = make_article()
    url = reverse("faq:article_feedback", kwargs={"slug": article.slug})

    def vote(client):
        return client.post(
            url,
            urlencode({"helpful": "yes"}),
            content_type="application/x-www-form-urlencoded",
            headers={"Sec-Fetch-Site": "same-origin"},
        )

    script = Client(REMOTE_ADDR="198.51.100.66")
    statuses = [vote(script).status_code for _ in range(5)]
    assert statuses == [303, 303, 303, 429, 429]
    assert vote(Client(REMOTE_ADDR="203.0.113.10")).status_code == 303
    assert sum(row.helpful for row in ArticleFeedback.objects.all()) == 4
