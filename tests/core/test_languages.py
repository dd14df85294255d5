"""Four languages in the address: /en/, /fr/, /es/, /ar/; "/" chooses by Accept-Language."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ar-EG,ar;q=0.9,en;q=0.5", "/ar/"),
        ("fr-CA", "/fr/"),
        ("de-DE,es;q=0.8", "/es/"),
        ("de-DE", "/en/"),
        ("", "/en/"),
        ("*", "/en/"),
        ("q=;;,,garbage", "/en/"),
    ],
)
def test_the_root_chooses_a_language_from_the_browser_only(client, header, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 302
    assert response["Location"] == expected
    assert "Accept-Language" in response["Vary"]
    assert not response.cookies


def test_an_address_without_a_language_is_sent_to_one(client):
    response = client.get("/questions/missing-slug-still-redirects/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 302
    assert response["Location"].startswith("/es/")


def test_every_page_links_its_other_languages_each_named_in_itself(client):
    html = client.get("/fr/about/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    for code in ("en", "fr", "es", "ar"):
        assert f'hreflang="{code}" href="http://127.0.0.1:8000/{code}/about/"' in html
    assert 'hreflang="x-default" href="http://127.0.0.1:8000/about/"' in html
    assert (
        '<a class="nav-link" href="/ar/about/" hreflang="ar" lang="ar" dir="rtl">العربية</a>'
        in html
    )
    assert 'lang="es">Español</a>' in html
    assert 'aria-current="true" lang="fr">Français</span>' in html


def test_arabic_pages_read_right_to_left_with_only_the_rtl_stylesheet(client):
    html = client.get("/ar/about/").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "site.rtl.css" in html
    assert "site.css" not in html.replace("site.rtl.css", "")


def test_switching_language_on_a_wizard_result_keeps_answers_and_country(client):
    from contact.starter import load_starter_flow

    load_starter_flow()
    with translation.override("en"):
        url = reverse("contact:result") + "?a=report-crime&a=no&country=FR"
    html = client.get(url).content.decode()
    assert 'href="/es/contact/result/?a=report-crime&amp;a=no&amp;country=FR"' in html


def test_the_sitemap_lists_every_language_with_alternates(client):
    from tests.faq.factories import make_article

    make_article(slug="in-four-languages")
    xml = client.get(reverse("sitemap")).content.decode()
    for code in ("en", "fr", "es", "ar"):
        assert f"<loc>http://testserver/{code}/questions/in-four-languages/</loc>" in xml
    assert 'hreflang="x-default"' in xml
