from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from faq.models import Article, ArticleSource, CrimeArea, ScamType, Status, Topic
from tests.faq.factories import make_article, make_crime_area, make_scam_type, make_topic

pytestmark = pytest.mark.django_db


def test_published_returns_only_live_items_of_every_kind():
    for make in (make_topic, make_article, make_crime_area, make_scam_type):
        live = make()
        make(published=False)
        make(publish_at=timezone.now() + timedelta(hours=1))
        model = type(live)
        assert list(model.objects.published()) == [live], model.__name__


def test_a_scheduled_item_appears_once_its_time_has_come():
    article = make_article(publish_at=timezone.now() + timedelta(days=1))
    assert not Article.objects.published().exists()
    Article.objects.filter(pk=article.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    assert list(Article.objects.published()) == [article]


def test_an_article_in_a_draft_topic_is_not_published():
    make_article(topic=make_topic(published=False))
    assert not Article.objects.published().exists()


def test_a_sub_area_of_a_draft_group_is_not_published():
    group = make_crime_area(published=False)
    make_crime_area(parent=group, title="Ransomware")
    assert not CrimeArea.objects.published().exists()


def test_an_item_is_live_only_when_published_would_return_it():
    article = make_article(topic=make_topic(published=False))
    sub_area = make_crime_area(parent=make_crime_area(published=False), title="Ransomware")
    assert not article.is_live
    assert not sub_area.is_live
    assert make_article().is_live


def test_markdown_is_rendered_to_sanitized_html_on_save():
    article = make_article(body="Hello **world** <script>alert(1)</script>")
    assert article.body_html == "<p>Hello <strong>world</strong> </p>"
    scam = make_scam_type(what_to_do="[Report](javascript:alert(1))")
    assert "javascript" not in scam.what_to_do_html


def test_review_due_follows_last_reviewed_and_interval():
    today = timezone.localdate()
    topic = make_topic(last_reviewed=today - timedelta(days=10), review_interval_days=5)
    assert topic.review_due == today - timedelta(days=5)
    assert topic.review_overdue
    assert list(Topic.objects.review_overdue()) == [topic]
    topic.last_reviewed = today
    topic.save(update_fields=["last_reviewed"])
    assert not Topic.objects.review_overdue().exists()


def test_warning_signs_are_one_per_line_without_blanks():
    scam = make_scam_type(warning_signs="Urgency\n\n  Gift cards \n")
    assert scam.warning_sign_list == ["Urgency", "Gift cards"]


def test_the_database_refuses_a_source_that_is_not_a_web_address():
    article = make_article()
    with pytest.raises(IntegrityError):
        ArticleSource.objects.create(article=article, title="Bad", url="javascript:alert(1)")


def test_new_items_start_as_drafts():
    topic = Topic.objects.create(slug="t", title="T", summary="S")
    assert topic.status == Status.DRAFT
    assert not Topic.objects.published().exists()


def test_string_forms_name_the_item():
    group = make_crime_area(title="Organized crime")
    assert str(make_crime_area(parent=group, title="Drug trafficking")) == (
        "Organized crime: Drug trafficking"
    )
    assert str(make_scam_type(title="Vishing")) == "Vishing"
    assert ScamType.objects.count() == 1


def test_crime_areas_have_two_levels_only():
    group = make_crime_area(title="Organized crime")
    sub_area = make_crime_area(parent=group, title="Drug trafficking")
    deeper = CrimeArea(parent=sub_area, title="Too deep", slug="too-deep", summary="s")
    with pytest.raises(ValidationError):
        deeper.clean()
    make_crime_area(parent=group, title="Firearms").clean()
