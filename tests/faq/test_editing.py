"""Staff editing of the knowledge base: links are checked, no edit is lost silently,
and the history tells the truth."""

import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from faq.models import Article, ArticleSource, CrimeArea, ScamType, Status, Topic
from faq.starter import load_starter_knowledge_base
from interpolinfo.models import EditConflict
from tests.faq.factories import make_article, make_topic
from tests.faq.test_admin import article_data, staff_in, with_source

pytestmark = pytest.mark.django_db

UNOFFICIAL = "https://missingchildreneurope.eu/hotline-116-000/"


@pytest.fixture
def topic():
    return make_topic(slug="scams", title="Scams")


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def errors_of(response) -> str:
    assert response.status_code == 200, "the form was expected back with errors"
    form = response.context["adminform"].form
    inline_errors = [
        str(error)
        for formset in response.context["inline_admin_formsets"]
        for error in [*formset.formset.errors, formset.formset.non_form_errors()]
        if error
    ]
    return " ".join([str(form.errors), *inline_errors])


# --- A. Links checked everywhere -------------------------------------------------


def test_an_unofficial_link_in_a_body_is_refused_until_a_publisher_ticks_it(publisher, topic):
    client = logged_in(publisher)
    body = f"Call the [116 000 hotline]({UNOFFICIAL})."
    response = client.post(reverse("admin:faq_article_add"), article_data(topic, body=body))
    assert "Not on the list of official domains: " + UNOFFICIAL in errors_of(response)
    assert not Article.objects.exists()

    ticked = article_data(topic, body=body, allow_unofficial_links="on")
    assert client.post(reverse("admin:faq_article_add"), ticked).status_code == 302
    article = Article.objects.get()
    assert article.allow_unofficial_links
    page = Client().get(article.get_absolute_url()).content.decode()
    assert f'<a href="{UNOFFICIAL}" rel="nofollow noopener noreferrer">116 000 hotline</a>' in page
    assert '<small class="unofficial-link">(not an official site)</small>' in page


def test_official_and_internal_links_pass_without_the_tick(publisher, topic):
    body = "[FAQs](https://www.interpol.int/en/FAQs), [scams](/questions/scams/) [top](#top)."
    response = logged_in(publisher).post(
        reverse("admin:faq_article_add"), article_data(topic, body=body)
    )
    assert response.status_code == 302
    assert "not an official site" not in Article.objects.get().body_html


def test_plain_http_to_an_official_site_is_refused_even_with_the_tick(publisher, topic):
    body = "[FAQs](http://www.interpol.int/en/FAQs)"
    response = logged_in(publisher).post(
        reverse("admin:faq_article_add"),
        article_data(topic, body=body, allow_unofficial_links="on"),
    )
    assert "“http://www.interpol.int/en/FAQs”: use the https:// address" in errors_of(response)


def test_every_language_and_every_markdown_field_is_checked(publisher, topic):
    article = make_article(topic=topic, slug="checked", title="Checked")
    article.body_fr = "[x](https://example.org/fr)"
    with pytest.raises(Exception, match=r"example\.org/fr"):
        article.full_clean()
    scam = ScamType(title="x", slug="x", summary="x", how_it_works="ok", what_to_do="ok")
    scam.if_already_paid_en = "[y](https://example.org/paid)"
    with pytest.raises(Exception, match=r"example\.org/paid"):
        scam.full_clean(exclude={"review_due"})
    area = CrimeArea(title="x", slug="x", summary="x", interpol_role="ok")
    area.public_action_en = "[z](https://example.org/act)"
    with pytest.raises(Exception, match=r"example\.org/act"):
        area.full_clean(exclude={"review_due"})


def test_an_editor_cannot_tick_the_box_nor_add_an_unofficial_link(editor, publisher, topic):
    client = logged_in(editor)
    form = client.get(reverse("admin:faq_article_add")).content.decode()
    assert 'name="allow_unofficial_links"' not in form  # shown read-only
    body = f"[hotline]({UNOFFICIAL})"
    data = article_data(topic, body=body, allow_unofficial_links="on")
    response = client.post(reverse("admin:faq_article_add"), data)
    assert UNOFFICIAL in errors_of(response)
    assert not Article.objects.exists()

    # Even where a Publisher allowed one link, an editor cannot add another.
    ticked = make_article(
        topic=topic, slug="ticked", published=False, body=body, allow_unofficial_links=True
    )
    change = reverse("admin:faq_article_change", args=[ticked.pk])
    more = f"{body} and [more](https://example.org/more)"
    response = client.post(change, article_data(topic, slug="ticked", body=more))
    assert "Only a Publisher can add a link to a site that is not official" in errors_of(response)
    # ...but may still edit the rest of the page.
    kept = article_data(topic, slug="ticked", body=body, title="Better title")
    assert client.post(change, kept).status_code == 302
    ticked.refresh_from_db()
    assert (ticked.title, ticked.allow_unofficial_links) == ("Better title", True)


def test_sources_listed_as_official_must_be_official(publisher, editor, topic):
    client = logged_in(publisher)
    data = with_source(article_data(topic), "Missing Children Europe", UNOFFICIAL)
    response = client.post(reverse("admin:faq_article_add"), data)
    assert f"“{UNOFFICIAL}” is not on the list of official domains" in errors_of(response)
    insecure = with_source(article_data(topic), "FAQs", "http://www.interpol.int/en/FAQs")
    response = client.post(
        reverse("admin:faq_article_add"), {**insecure, "allow_unofficial_links": "on"}
    )
    assert "use the https:// address" in errors_of(response)
    assert not Article.objects.exists()

    response = client.post(
        reverse("admin:faq_article_add"), {**data, "allow_unofficial_links": "on"}
    )
    assert response.status_code == 302
    page = Client().get(Article.objects.get().get_absolute_url()).content.decode()
    official, _sep, other = page.partition("Other sources")
    assert "Missing Children Europe" not in official.partition("Official sources")[2]
    assert f'<a href="{UNOFFICIAL}" rel="nofollow noopener noreferrer">' in other
    assert "(not an official site)" in other


def test_an_editor_cannot_list_an_unofficial_source_even_on_a_ticked_page(editor, topic):
    article = make_article(topic=topic, slug="t", published=False, allow_unofficial_links=True)
    data = with_source(article_data(topic, slug="t"), "Other", "https://example.org/")
    response = logged_in(editor).post(reverse("admin:faq_article_change", args=[article.pk]), data)
    assert "Only a Publisher can list a source that is not official" in errors_of(response)
    assert not ArticleSource.objects.exists()


def test_the_starter_content_validates_and_only_one_page_links_to_an_unofficial_site():
    load_starter_knowledge_base()
    items = [*Article.objects.all(), *CrimeArea.objects.all(), *ScamType.objects.all()]
    sources = [source for item in items for source in item.sources.all()]
    assert len(items) > 20 and len(sources) > 20
    for item in [*items, *sources]:
        item.full_clean(exclude={"review_due"}, validate_unique=False)
    ticked = [item.slug for item in items if item.allow_unofficial_links]
    assert ticked == ["someone-is-missing-can-interpol-help"]
    assert [source.url for source in sources if not source.is_official] == [UNOFFICIAL]


# --- B. No lost edits ---------------------------------------------------------------


def opened_version(client: Client, url: str) -> int:
    html = client.get(url).content.decode()
    match = re.search(r'<input type="hidden" name="version" value="(\d+)"', html)
    assert match, "the change form carries the version it was opened at"
    return int(match.group(1))


def test_a_save_from_a_form_opened_earlier_is_refused_with_both_values_side_by_side(
    publisher, topic
):
    article = make_article(topic=topic, slug="same", summary="Original summary.")
    change = reverse("admin:faq_article_change", args=[article.pk])
    alice = logged_in(publisher)
    bob = logged_in(staff_in("Publishers", "bob"))
    alice_version = opened_version(alice, change)
    bob_version = opened_version(bob, change)

    alices_edit = article_data(
        topic, slug="same", summary="Alice's summary.", version=alice_version
    )
    saved_body = alices_edit["body_en"]
    saved = alice.post(change, alices_edit)
    assert saved.status_code == 302
    bobs_edit = article_data(
        topic, slug="same", summary="Original summary.", body="Bob's body.", version=bob_version
    )
    refused = bob.post(change, bobs_edit)
    assert refused.status_code == 200
    html = refused.content.decode()
    assert "Someone else saved this since you opened it" in html
    assert (
        "<tr><th scope='row'>Summary [en]</th><td>Alice&#x27;s summary.</td>"
        "<td>Original summary.</td></tr>" in html
    )
    assert "Bob&#x27;s body.</textarea>" in html  # what Bob typed is still in the form
    article.refresh_from_db()
    assert (article.summary, article.body) == ("Alice's summary.", saved_body)

    # Saving again from the refused form knowingly replaces Alice's version.
    current = re.search(r'name="version" value="(\d+)"', html).group(1)
    assert int(current) == article.version
    assert bob.post(change, {**bobs_edit, "version": current}).status_code == 302
    article.refresh_from_db()
    assert (article.summary, article.body) == ("Original summary.", "Bob's body.")


def test_two_copies_saved_one_after_the_other_cannot_overwrite_each_other(topic):
    article = make_article(topic=topic, summary="Original.")
    first, second = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)
    first.summary = "First."
    first.save()
    second.body = "Second."
    with pytest.raises(EditConflict):
        second.save()
    article.refresh_from_db()
    assert (article.summary, article.version) == ("First.", first.version)


def test_a_save_that_loses_the_race_after_the_check_shows_the_comparison_too(
    publisher, topic, monkeypatch
):
    article = make_article(topic=topic, slug="race", summary="Original.")
    change = reverse("admin:faq_article_change", args=[article.pk])
    client = logged_in(publisher)
    version = opened_version(client, change)

    model_admin = admin.site._registry[Article]
    save_model, get_object = model_admin.save_model, model_admin.get_object
    raced = []

    def someone_saves_first(request, obj, form, change):
        # Someone else's save lands between this form's check and its write...
        raced.append(True)
        Article.objects.filter(pk=obj.pk).update(summary="Theirs.", version=version + 1)
        save_model(request, obj, form, change)

    def as_committed(request, object_id, from_field=None):
        # ...and, being another request's, stays when this one's transaction rolls back
        # (in a test everything shares one transaction, so the second read shows it here).
        obj = get_object(request, object_id, from_field)
        if raced:
            obj.summary, obj.version = "Theirs.", version + 1
        return obj

    monkeypatch.setattr(model_admin, "save_model", someone_saves_first)
    monkeypatch.setattr(model_admin, "get_object", as_committed)
    response = client.post(
        change, article_data(topic, slug="race", summary="Mine.", version=version)
    )
    assert raced == [True]  # one write attempt, refused by the version claim
    assert response.status_code == 200
    assert "<td>Theirs.</td><td>Mine.</td>" in response.content.decode()
    article.refresh_from_db()
    assert (article.summary, article.version) == ("Original.", version)  # nothing of "Mine."


# --- C. History that tells the truth --------------------------------------------------


def test_browser_line_endings_are_stored_as_newlines_and_are_no_change(publisher, topic):
    client = logged_in(publisher)
    data = article_data(topic, body="First line.\r\nSecond line.\r\n\r\nNew paragraph.")
    client.post(reverse("admin:faq_article_add"), data)
    article = Article.objects.get()
    assert article.body == "First line.\nSecond line.\n\nNew paragraph."
    change = reverse("admin:faq_article_change", args=[article.pk])
    client.post(change, {**data, "summary_en": "A new summary."})
    comment = Version.objects.get_for_object(article).first().revision.get_comment()
    # (The test client sends no hidden initial values, so the dates count as changed.)
    assert comment.startswith("Changed Summary [en]")
    assert "Body" not in comment


def test_a_reorder_is_recorded_in_the_history(publisher):
    first, second = make_topic(order=1, title="First"), make_topic(order=2, title="Second")
    response = logged_in(publisher).post(
        reverse("admin:faq_topic_sortable_update"),
        {"updatedItems": [[first.pk, 2], [second.pk, 1]]},
        content_type="application/json",
    )
    assert response.status_code == 200
    newest = Version.objects.get_for_object(first).first()
    assert newest.revision.get_comment() == "Reordered by drag and drop"
    assert newest.revision.user == publisher
    assert newest.field_dict["order"] == 2
    assert Version.objects.get_for_object(second).first().revision == newest.revision


def revert(client: Client, article: Article, *, slug: str):
    version = next(
        v for v in Version.objects.get_for_object(article) if v.field_dict["slug"] == slug
    )
    url = reverse("admin:faq_article_revision", args=[article.pk, version.pk])
    return client.post(
        url, article_data(article.topic, slug=slug, title=version.field_dict["title"])
    )


def test_every_old_address_still_redirects_after_a_revert(publisher, topic):
    client = logged_in(publisher)
    client.post(reverse("admin:faq_article_add"), article_data(topic, slug="first", title="T"))
    article = Article.objects.get()
    change = reverse("admin:faq_article_change", args=[article.pk])
    client.post(change, article_data(topic, slug="second", title="T"))
    client.post(change, article_data(topic, slug="third", title="T"))
    assert revert(client, article, slug="first").status_code == 302
    article.refresh_from_db()
    assert article.slug == "first"
    visitor = Client()
    live = visitor.get(article.get_absolute_url())
    assert live.status_code == 200
    for old in ("second", "third"):
        response = visitor.get(article.get_absolute_url().replace("/first/", f"/{old}/"))
        assert response.status_code == 301, old
        assert response["Location"] == article.get_absolute_url()


def test_scheduled_items_are_not_labelled_published(publisher, topic):
    later = timezone.now() + timedelta(days=3)
    make_article(topic=topic, title="Coming soon", slug="soon", publish_at=later)
    make_article(topic=topic, title="Out now", slug="now")
    make_article(topic=topic, title="Not yet", slug="draft", published=False)
    client = logged_in(publisher)
    listing = client.get(reverse("admin:faq_article_changelist")).content.decode()
    when = timezone.localtime(later).strftime("%-d")
    assert re.search(r"Coming soon.*?Scheduled for [A-Z][a-z]+\.? " + when, listing, re.S)
    assert listing.count("Scheduled for") == 1
    assert '<td class="field-publishing_state">Published</td>' in listing
    assert '<td class="field-publishing_state">Draft</td>' in listing
    scheduled_only = client.get(reverse("admin:faq_article_changelist"), {"state": "scheduled"})
    assert [a.title for a in scheduled_only.context["cl"].result_list] == ["Coming soon"]
    soon = Article.objects.get(slug="soon")
    form = client.get(reverse("admin:faq_article_change", args=[soon.pk])).content.decode()
    assert "Scheduled for" in form
    assert soon.status == Status.PUBLISHED


def test_every_content_model_is_versioned():
    for model in (Topic, Article, CrimeArea, ScamType):
        assert model._meta.get_field("version").default == 0


def test_a_save_claims_its_version_in_one_conditional_update(topic):
    article = make_article(topic=topic)
    article.summary = "Changed."
    with CaptureQueriesContext(connection) as queries:
        article.save()
    statements = [query["sql"].replace('"', "") for query in queries.captured_queries]
    claim = next(sql for sql in statements if sql.startswith("UPDATE"))
    # The database decides, row-locked, whether the version read is still the latest.
    assert claim.startswith("UPDATE faq_article SET version = (faq_article.version + 1)")
    assert f"WHERE (faq_article.id = {article.pk} AND faq_article.version = 0)" in claim
    assert article.version == 1


def test_the_migration_turns_stored_browser_line_endings_into_newlines(topic):
    article = make_article(topic=topic)
    Article.objects.filter(pk=article.pk).update(body_en="One.\r\nTwo.", body_fr="Un.\r\nDeux.")
    migration = importlib.import_module("faq.migrations.0010_versions_and_links")
    migration.newline_endings(django_apps, None)
    article.refresh_from_db()
    assert (article.body_en, article.body_fr) == ("One.\nTwo.", "Un.\nDeux.")


# SQLite serialises writers; the race matters on PostgreSQL (the PostgreSQL+Redis pass).
@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_one_page_never_both_succeed():
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connections

    assert connection.vendor == "postgresql", "a race between two writers needs PostgreSQL"
    article = make_article(summary="Original.")
    both_read = Barrier(2)

    def edit(summary: str) -> str:
        try:
            copy = Article.objects.get(pk=article.pk)
            both_read.wait(timeout=30)
            copy.summary = summary
            copy.save()
            return "saved"
        except EditConflict:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(edit, ["Alice's.", "Bob's."]))
    assert sorted(outcomes) == ["refused", "saved"]
    article.refresh_from_db()
    assert article.version == 1
    assert article.summary == ("Alice's." if outcomes[0] == "saved" else "Bob's.")


def test_a_revert_is_a_new_version_so_a_form_opened_before_it_cannot_undo_it(publisher, topic):
    client = logged_in(publisher)
    client.post(reverse("admin:faq_article_add"), article_data(topic, title="First wording"))
    article = Article.objects.get()
    change = reverse("admin:faq_article_change", args=[article.pk])
    client.post(change, article_data(topic, title="Second wording"))
    stale = opened_version(client, change)  # someone opens the page now...

    first = next(
        v
        for v in Version.objects.get_for_object(article)
        if v.field_dict["title"] == "First wording"
    )
    revision_url = reverse("admin:faq_article_revision", args=[article.pk, first.pk])
    at_revert = opened_version(client, revision_url)
    assert at_revert == stale  # the page to restore from is opened at the current version
    reverted = client.post(
        revision_url, article_data(topic, title="First wording", version=at_revert)
    )
    assert reverted.status_code == 302

    # ...and saves after the revert: refused, so the revert is not silently undone.
    late = client.post(change, article_data(topic, title="Second wording, edited", version=stale))
    assert late.status_code == 200
    assert "<td>First wording</td><td>Second wording, edited</td>" in late.content.decode()
    article.refresh_from_db()
    assert article.title == "First wording"
    assert article.version > stale  # the restore is a new version, not its old number


def test_a_deleted_page_recovers_with_the_version_its_recover_form_carries(publisher, topic):
    client = logged_in(publisher)
    client.post(reverse("admin:faq_article_add"), article_data(topic, title="Kept"))
    article = Article.objects.get()
    client.post(reverse("admin:faq_article_change", args=[article.pk]), article_data(topic))
    client.post(reverse("admin:faq_article_delete", args=[article.pk]), {"post": "yes"})
    deleted = Version.objects.get_deleted(Article).first()
    recover_url = reverse("admin:faq_article_recover", args=[deleted.pk])
    opened = opened_version(client, recover_url)
    response = client.post(recover_url, article_data(topic, version=opened))
    assert response.status_code == 302
    assert Article.objects.get().title == "Does INTERPOL phone people?"
