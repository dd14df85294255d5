import json
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from faq.models import ArticleSource
from tests.faq.factories import make_article, make_crime_area, make_scam_type, make_topic

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


@pytest.fixture
def content():
    topic = make_topic(slug="what-interpol-is", title="What INTERPOL is")
    article = make_article(topic=topic, slug="can-interpol-arrest", title="Can INTERPOL arrest me?")
    related = make_article(topic=topic, slug="what-is-a-red-notice", title="What is a Red Notice?")
    article.related.add(related, make_article(topic=topic, published=False, title="Hidden draft"))
    ArticleSource.objects.create(
        article=article, title="INTERPOL FAQs", url="https://www.interpol.int/en/FAQs"
    )
    group = make_crime_area(slug="cybercrime", title="Cybercrime")
    area = make_crime_area(parent=group, slug="ransomware", title="Ransomware")
    scam = make_scam_type(slug="fake-interpol-messages", title="Fake INTERPOL messages")
    return {"topic": topic, "article": article, "group": group, "area": area, "scam": scam}


def public_urls(content) -> list[str]:
    return [
        reverse("faq:home"),
        reverse("faq:about"),
        reverse("faq:search") + "?q=arrest",
        content["topic"].get_absolute_url(),
        content["article"].get_absolute_url(),
        reverse("faq:crimearea_list"),
        content["group"].get_absolute_url(),
        content["area"].get_absolute_url(),
        reverse("faq:scamtype_list"),
        content["scam"].get_absolute_url(),
    ]


def test_every_public_page_has_description_canonical_open_graph_and_json_ld(client, content):
    urls = public_urls(content)
    assert len(urls) == 10
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        path = url.split("?")[0]
        assert f'<link rel="canonical" href="http://127.0.0.1:8000{path}">' in html, url
        assert re.search(r'<meta name="description" content="[^"]{20,}">', html), url
        assert f'<meta property="og:url" content="http://127.0.0.1:8000{path}">' in html, url
        assert '<meta property="og:title"' in html, url
        blocks = JSON_LD.findall(html)
        assert len(blocks) == 1, url
        graph = json.loads(blocks[0])["@graph"]
        assert {node["@type"] for node in graph} == {"WebSite", "BreadcrumbList"}, url


def test_public_pages_set_no_cookie(client, content):
    for url in public_urls(content):
        response = client.get(url)
        assert not response.cookies, url
        assert "Set-Cookie" not in response.headers, url


def test_article_page_shows_breadcrumbs_sources_review_date_and_published_related(client, content):
    response = client.get(content["article"].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<li class="breadcrumb-item"><a href="/en/topics/what-interpol-is/">What INTERPOL is</a></li>'
        in html
    )
    assert 'href="https://www.interpol.int/en/FAQs"' in html
    assert "Last checked against official sources on" in html
    assert "What is a Red Notice?" in html
    assert "Hidden draft" not in html
    crumbs = json.loads(JSON_LD.findall(html)[0])["@graph"][1]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs] == [
        "Home",
        "What INTERPOL is",
        "Can INTERPOL arrest me?",
    ]
    assert crumbs[-1]["item"] == "http://127.0.0.1:8000/en/questions/can-interpol-arrest/"


def test_json_ld_escapes_text_that_could_close_the_script(client):
    topic = make_topic(slug="odd", title='</script><script>alert("x")</script>')
    html = client.get(topic.get_absolute_url()).content.decode()
    block = JSON_LD.findall(html)[0]
    assert "</script>" not in block
    assert json.loads(block)["@graph"][1]["itemListElement"][1]["name"] == topic.title


def test_visitors_get_404_for_drafts_and_scheduled_items(client):
    items = [
        make_article(published=False),
        make_article(publish_at=timezone.now() + timedelta(days=1)),
        make_topic(published=False),
        make_crime_area(published=False),
        make_scam_type(publish_at=timezone.now() + timedelta(hours=2)),
    ]
    for item in items:
        assert client.get(item.get_absolute_url()).status_code == 404, item


def test_staff_see_drafts_with_a_preview_banner_that_is_never_cached(client):
    staff = User.objects.create_superuser("boss", "boss@example.org", "x")
    client.force_login(staff)
    draft = make_article(published=False, title="Unfinished answer")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert b"preview-banner" in response.content
    assert b'<meta name="robots" content="noindex">' in response.content
    assert "no-store" in response.headers["Cache-Control"]
    live = make_article()
    assert b"preview-banner" not in client.get(live.get_absolute_url()).content


def test_staff_see_a_preview_banner_on_a_published_article_in_a_draft_topic(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    article = make_article(topic=make_topic(published=False))
    response = client.get(article.get_absolute_url())
    assert b"preview-banner" in response.content
    assert "in a section that is not published" in response.content.decode()
    assert "no-store" in response.headers["Cache-Control"]
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_staff_without_view_permission_do_not_see_drafts(client):
    client.force_login(User.objects.create_user("clerk", is_staff=True))
    assert client.get(make_article(published=False).get_absolute_url()).status_code == 404


def test_an_old_slug_redirects_permanently_to_the_new_address(client):
    article = make_article(slug="old-name")
    article.slug = "new-name"
    article.save()
    response = client.get(reverse("faq:article_detail", kwargs={"slug": "old-name"}))
    assert response.status_code == 301
    assert response["Location"] == "/en/questions/new-name/"


def test_slugs_can_change_twice_and_back_without_breaking(client):
    scam = make_scam_type(slug="one")
    for slug in ("two", "three", "one"):
        scam.slug = slug
        scam.save()
    assert client.get("/en/scams/one/").status_code == 200
    for old in ("two", "three"):
        response = client.get(f"/en/scams/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/en/scams/one/"


def test_an_old_slug_of_a_draft_does_not_redirect_visitors(client):
    topic = make_topic(slug="before", published=False)
    topic.slug = "after"
    topic.save()
    assert client.get("/en/topics/before/").status_code == 404


def test_home_page_shows_the_four_doors(client, content):
    html = client.get(reverse("faq:home")).content.decode()
    assert html.count('<li class="door') == 4
    assert f'href="{content["scam"].get_absolute_url()}"' in html
    assert f'href="{reverse("contact:start")}"' in html
    assert f'href="{content["topic"].get_absolute_url()}"' in html
    assert f'href="{reverse("faq:crimearea_list")}"' in html
    assert 'role="search"' in html


def test_about_page_says_who_runs_it_data_and_sources(client):
    html = client.get(reverse("faq:about")).content.decode()
    assert "independent" in html
    for kept in ("Search words", "Contact guide results", "helpful?” votes", "90 days"):
        assert kept in html
    assert "Where the facts come from" in html


def test_crime_area_index_groups_published_sub_areas(client, content):
    make_crime_area(parent=content["group"], title="Secret draft area", published=False)
    html = client.get(reverse("faq:crimearea_list")).content.decode()
    assert "Cybercrime" in html
    assert "Ransomware" in html
    assert "Secret draft area" not in html


def test_scam_page_lists_warning_signs(client, content):
    html = client.get(content["scam"].get_absolute_url()).content.decode()
    assert "<li>Urgency</li>" in html
    assert "If you already paid or shared your details" in html
