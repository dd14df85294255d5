"""The checker page: a plain form, no cookie, no cache, results that name each sign."""

import re

import pytest
from django.urls import reverse

from checker.models import CheckCount, SignCount, WarningSign
from tests.checker.conftest import SAME_ORIGIN, check

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("signs_and_flow_for_module")]


SCAM = (
    "URGENT from INTERPOL: a warrant has been issued. Pay the fine with Google Play gift "
    "cards. Visit https://lnterpol.int/case or write to agent@gmail.com"
)


def test_the_page_is_a_plain_form_with_no_cookie_and_no_cache(client):
    response = client.get(reverse("checker:check"))
    html = response.content.decode()
    assert response.status_code == 200
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]
    assert "<form" in html and 'method="post"' in html
    assert "csrfmiddlewaretoken" not in html
    assert re.search(r'<textarea[^>]+name="message"', html)


def test_results_are_never_cached_and_set_no_cookie(client):
    response = check(client, SCAM)
    assert response.status_code == 200
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_each_sign_found_is_named_with_the_visitors_words_and_an_explanation(client):
    response = check(client, SCAM)
    gift = WarningSign.objects.get(key="gift-cards")
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    assert 'id="results-heading" tabindex="-1" autofocus' in response.content.decode()
    assert_contains = response.content.decode()
    assert gift.name in assert_contains
    assert gift.explanation in assert_contains
    assert "<mark>Google Play</mark>" in assert_contains
    assert "<mark>gift cards</mark>" in assert_contains


def test_links_in_the_message_are_shown_as_text_with_their_domain_judged(client):
    html = check(client, SCAM).content.decode()
    assert 'href="https://lnterpol.int' not in html
    assert '<strong dir="ltr">lnterpol.int</strong>' in html
    assert "looks like INTERPOL\u2019s domain, but it is not" in html
    assert "free email address" in html


def test_a_message_with_no_sign_says_so_and_explains_how_to_check(client):
    html = check(client, "See you at lunch on Tuesday?").content.decode()
    assert "We did not find any of the warning signs we know" in html
    assert "Type INTERPOL\u2019s address yourself: interpol.int" in html
    assert "What to do next" not in html


def test_next_steps_lead_into_the_wizard_and_keep_the_country(client):
    html = check(client, SCAM, query="?country=gb").content.decode()
    steps = re.findall(r'href="(/en/contact/result/\?[^"]+)"', html)
    assert steps
    assert all("country=GB" in step for step in steps)
    assert 'action="/en/check-a-message/?country=GB"' in html


def test_a_bad_country_is_dropped_not_carried(client):
    html = check(client, SCAM, query="?country=<x>").content.decode()
    assert "country=" not in "".join(re.findall(r'href="(/en/contact/result/[^"]+)"', html))


def test_a_message_over_5000_characters_gets_a_clear_form_error(client):
    response = check(client, "a" * 5001)
    assert response.status_code == 400
    assert "Paste at most 5000 characters" in response.content.decode()
    assert CheckCount.objects.count() == 0


def test_an_empty_message_gets_a_form_error(client):
    response = check(client, "   ")
    assert response.status_code == 400
    assert "Paste a message to check." in response.content.decode()


def test_a_post_from_another_site_is_refused(client):
    assert check(client, SCAM, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert check(client, SCAM, headers={"Origin": "https://evil.example"}).status_code == 403
    assert check(client, SCAM, headers={}).status_code == 403
    assert check(client, SCAM, headers={"Origin": "http://testserver"}).status_code == 200


def test_a_body_that_is_not_a_plain_form_or_too_big_is_refused_unread(client):
    url = reverse("checker:check")
    multipart = client.post(url, {"message": SCAM}, headers=SAME_ORIGIN)
    assert multipart.status_code == 400
    huge = check(client, "ب" * 12000)
    assert huge.status_code == 413
    assert "Paste at most 5,000 characters" in huge.content.decode()


def test_only_the_signs_found_are_counted(client):
    check(client, SCAM)
    check(client, "See you at lunch on Tuesday?")
    day = CheckCount.objects.get()
    assert (day.checks, day.without_signs) == (2, 1)
    counted = set(SignCount.objects.values_list("sign__key", flat=True))
    assert {"gift-cards", "claims-interpol", "lookalike-domain", "free-mail"} <= counted
    assert all(row.count == 1 for row in SignCount.objects.all())


def test_the_page_works_in_arabic(client):
    response = client.post(
        "/ar/check-a-message/",
        "message=%D8%A7%D9%84%D8%A5%D9%86%D8%AA%D8%B1%D8%A8%D9%88%D9%84",
        content_type="application/x-www-form-urlencoded",
        headers=SAME_ORIGIN,
    )
    sign = WarningSign.objects.get(key="claims-interpol")
    assert response.status_code == 200
    assert sign.name_ar in response.content.decode()
    assert "<mark>الإنتربول</mark>" in response.content.decode()


def test_the_home_page_scam_pages_and_scam_results_link_to_the_checker(client):
    url = reverse("checker:check")
    assert url in client.get(reverse("faq:home")).content.decode()
    assert url in client.get(reverse("faq:scamtype_list")).content.decode()
    result = client.get(reverse("contact:result") + "?a=message&a=money&a=nothing-yet&country=FR")
    assert f"{url}?country=FR" in result.content.decode()


def test_an_edited_sign_is_used_at_once(client):
    assert "<mark>Zorblax</mark>" not in check(client, "Zorblax calling").content.decode()
    sign = WarningSign.objects.get(key="urgency")
    sign.phrases_en += "\nzorblax"
    sign.save()
    html = check(client, "Zorblax calling").content.decode()
    assert "<mark>Zorblax</mark>" in html
    assert sign.name in html


def test_the_rules_for_the_browser_carry_each_signs_text_and_the_country(client):
    response = client.get(reverse("checker:rules") + "?country=gb")
    document = response.json()
    assert response.status_code == 200
    assert response.cookies == {}
    assert len(document["rules"]) == WarningSign.objects.count()
    assert document["signs"]["gift-cards"]["name"] == WarningSign.objects.get(key="gift-cards").name
    assert document["next_steps"]
    assert all("country=GB" in step["url"] for step in document["next_steps"])
    assert "%(counter)s" in document["texts"]["found_many"]


def test_the_page_loads_the_browser_matcher_without_blocking(client):
    html = client.get(reverse("checker:check")).content.decode()
    assert re.search(r'<script src="[^"]+checker/matcher\.js" defer>', html)
    assert 'data-rules="/en/check-a-message/rules.json"' in html
