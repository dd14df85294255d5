from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from reversion.models import Version

from faq.models import Article, CrimeArea, ScamType, Status, Topic
from faq.starter import STARTER_DIR, StarterContentError, load_starter_knowledge_base

# Same on any database (the starter files and their validation; loading on PostgreSQL is tested by tests/core and the live tests): run in the SQLite pass only.
pytestmark = [pytest.mark.django_db, pytest.mark.same_on_any_database]

TOPICS = """
[[topic]]
slug = "how-interpol-contacts-people"
title = "How INTERPOL does and does not contact people"
summary = "It works with police, not with the public."
order = 2
"""

ARTICLE = """+++
title = "Does INTERPOL contact people by text message?"
topic = "how-interpol-contacts-people"
order = 1
summary = "No. INTERPOL never texts members of the public."
meta_description = "INTERPOL does not send text messages to the public."
related = ["what-to-do-if-you-shared-information", "not-written-yet"]
review_interval_days = 180

[[sources]]
title = "Beware of scams using INTERPOL's name"
url = "https://www.interpol.int/en/What-you-can-do/Stay-safe/Beware-of-scams-using-INTERPOL-s-name"
+++
## Why not

INTERPOL works **only** with police forces.
"""

SECOND_ARTICLE = """+++
title = "I already shared my details. What now?"
topic = "how-interpol-contacts-people"
summary = "Call your bank and your local police."
+++
Act quickly.
"""

CRIME_AREAS = '''
[[group]]
slug = "organized-crime"
title = "Organized crime"
order = 2
summary = "Networks that cross borders."
interpol_role = """It helps police find the networks."""
public_action = """Report what you see to the police."""
[[group.sources]]
title = "Organized crime"
url = "https://www.interpol.int/en/Crimes/Organized-crime"
  [[group.sub_area]]
  slug = "drug-trafficking"
  title = "Drug trafficking"
  order = 1
  summary = "Moving illegal drugs across borders."
  interpol_role = """It shares intelligence."""
'''

SCAM_TYPES = '''
[[scam]]
slug = "fake-interpol-messages"
title = "Fake INTERPOL messages"
order = 1
summary = "Messages that pretend to come from INTERPOL."
how_it_works = """A message threatens arrest."""
warning_signs = ["Threatens arrest unless you pay.", "Asks for gift cards."]
what_to_do = """Do not answer."""
if_already_paid = """Call your bank."""
[[scam.sources]]
title = "Beware of scams"
url = "https://www.interpol.int/en/What-you-can-do/Stay-safe/Beware-of-scams-using-INTERPOL-s-name"
'''


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    (tmp_path / "articles").mkdir()
    (tmp_path / "topics.toml").write_text(TOPICS)
    (tmp_path / "articles" / "does-interpol-text-people.md").write_text(ARTICLE)
    (tmp_path / "articles" / "what-to-do-if-you-shared-information.md").write_text(SECOND_ARTICLE)
    (tmp_path / "articles" / "_sample-ignored.md").write_text("not even front matter")
    (tmp_path / "crime_areas.toml").write_text(CRIME_AREAS)
    (tmp_path / "scam_types.toml").write_text(SCAM_TYPES)
    return tmp_path


def test_the_loader_creates_every_kind_of_item_published(starter):
    report = load_starter_knowledge_base(directory=starter)
    assert report == (
        "Knowledge base: created 1 topics, 2 articles, 2 crime areas, 1 scam types; "
        "kept 0 existing. Skipped 1 related link(s) to unknown articles."
    )
    article = Article.objects.get(slug="does-interpol-text-people")
    assert article.status == Status.PUBLISHED
    assert article.topic.slug == "how-interpol-contacts-people"
    assert article.review_interval_days == 180
    assert "<h2>Why not</h2>" in article.body_html
    assert [source.title for source in article.sources.all()] == [
        "Beware of scams using INTERPOL's name"
    ]
    assert [a.slug for a in article.related.all()] == ["what-to-do-if-you-shared-information"]
    drugs = CrimeArea.objects.get(slug="drug-trafficking")
    assert drugs.parent.slug == "organized-crime"
    assert drugs.parent.sources.count() == 1
    scam = ScamType.objects.get()
    assert scam.warning_sign_list == ["Threatens arrest unless you pay.", "Asks for gift cards."]
    assert Article.objects.published().count() == 2
    assert Version.objects.get_for_object(article).get().revision.comment == "Starter content"


def test_running_the_loader_again_changes_nothing(starter):
    load_starter_knowledge_base(directory=starter)
    report = load_starter_knowledge_base(directory=starter)
    assert report.startswith(
        "Knowledge base: created 0 topics, 0 articles, 0 crime areas, 0 scam types; "
        "kept 6 existing."
    )
    assert (Topic.objects.count(), Article.objects.count()) == (1, 2)
    assert (CrimeArea.objects.count(), ScamType.objects.count()) == (2, 1)


def test_the_loader_never_overwrites_a_staff_edit(starter):
    load_starter_knowledge_base(directory=starter)
    article = Article.objects.get(slug="does-interpol-text-people")
    article.title = "Edited by staff"
    article.status = Status.DRAFT
    article.save()
    article.sources.all().delete()
    load_starter_knowledge_base(directory=starter)
    article.refresh_from_db()
    assert (article.title, article.status) == ("Edited by staff", Status.DRAFT)
    assert not article.sources.exists()


def test_a_deleted_item_is_created_again(starter):
    load_starter_knowledge_base(directory=starter)
    ScamType.objects.all().delete()
    assert "1 scam types" in load_starter_knowledge_base(directory=starter)


def test_an_unknown_topic_stops_the_load_and_writes_nothing(starter):
    (starter / "articles" / "broken.md").write_text(ARTICLE.replace('topic = "how', 'topic = "x'))
    with pytest.raises(StarterContentError, match=r"broken\.md: unknown topic"):
        load_starter_knowledge_base(directory=starter)
    assert not Topic.objects.exists()


def test_a_source_that_is_not_a_web_address_is_refused(starter):
    (starter / "scam_types.toml").write_text(SCAM_TYPES.replace("https://", "javascript://"))
    with pytest.raises(StarterContentError, match="fake-interpol-messages, source 1"):
        load_starter_knowledge_base(directory=starter)


def test_missing_front_matter_is_reported_with_the_file_name(starter):
    (starter / "articles" / "plain.md").write_text("Just text")
    with pytest.raises(StarterContentError, match=r"plain\.md: front matter"):
        load_starter_knowledge_base(directory=starter)


def test_the_shipped_starter_content_loads_and_loads_again_as_a_no_op():
    first, second = StringIO(), StringIO()
    call_command("load_starter_content", stdout=first)
    call_command("load_starter_content", stdout=second)
    assert set(Topic.objects.values_list("slug", flat=True)) == {
        "what-interpol-is",
        "how-interpol-contacts-people",
        "scams",
        "contacting-interpol",
        "crime-areas",
        "about-this-site",
    }
    assert "created 6 topics" in first.getvalue()
    assert "created 0 topics, 0 articles, 0 crime areas, 0 scam types" in second.getvalue()
    assert (STARTER_DIR / "topics.toml").exists()


def test_an_article_without_a_body_is_refused(starter):
    front_matter_only = SECOND_ARTICLE.replace("Act quickly.\n", "\n")
    (starter / "articles" / "empty.md").write_text(front_matter_only)
    with pytest.raises(StarterContentError, match=r"empty\.md: missing body"):
        load_starter_knowledge_base(directory=starter)


@pytest.mark.django_db
def test_every_starter_translation_saves_through_the_admins_validation():
    """Staff must be able to open and save any record the starter translated."""
    from contact.models import Channel, Choice, Outcome, Question
    from contact.starter import load_starter_flow
    from contact.starter import load_starter_translations as load_wizard_translations
    from faq.models import Article, CrimeArea, ScamType, Topic
    from faq.starter import load_starter_knowledge_base, load_starter_translations

    load_starter_knowledge_base()
    load_starter_flow()
    load_starter_translations()
    load_wizard_translations()
    for model in (Topic, Article, CrimeArea, ScamType, Question, Choice, Outcome, Channel):
        for item in model.objects.all():
            item.full_clean()
    assert Article.objects.exclude(title_fr="").count() == Article.objects.count()
