import pytest
from django.urls import reverse

from tests.faq.factories import make_article, make_crime_area, make_scam_type

pytestmark = pytest.mark.django_db


def test_sitemap_lists_published_pages_with_lastmod_and_hides_drafts(client):
    article = make_article(slug="can-interpol-arrest-me")
    draft = make_article(slug="secret-draft", published=False)
    area = make_crime_area(slug="cybercrime")
    scam = make_scam_type(slug="vishing")
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    xml = response.content.decode()
    for item in (article, article.topic, area, scam):
        assert f"<loc>http://testserver{item.get_absolute_url()}</loc>" in xml
    assert f"<lastmod>{article.updated.date().isoformat()}</lastmod>" in xml
    assert draft.get_absolute_url() not in xml
    for name in ("faq:home", "faq:about", "faq:crimearea_list", "faq:scamtype_list"):
        assert f"<loc>http://testserver{reverse(name)}</loc>" in xml
    assert not response.cookies


def test_index_pages_are_dated_by_their_latest_listed_item(client):
    area = make_crime_area(slug="cybercrime")
    scam = make_scam_type(slug="vishing")
    xml = client.get(reverse("sitemap")).content.decode()
    for name, item in (("faq:crimearea_list", area), ("faq:scamtype_list", scam)):
        entry = f"<loc>http://testserver{reverse(name)}</loc><lastmod>"
        assert entry + item.updated.date().isoformat() + "</lastmod>" in xml
