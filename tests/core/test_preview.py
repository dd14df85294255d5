"""Staff preview a page from the unsaved change form, in a new tab; nothing is saved."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from reversion.models import Version

from faq.models import Article, ArticleSource
from tests.change_forms import posted_form
from tests.faq.factories import make_article, make_crime_area, make_scam_type, make_topic

pytestmark = pytest.mark.django_db


def change_url(item) -> str:
    opts = item._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])


def preview_url(item) -> str:
    opts = item._meta
    kwargs = {"app_label": opts.app_label, "model_name": opts.model_name}
    return reverse("staff:preview", kwargs={**kwargs, "object_id": item.pk})


def snapshot(model) -> list[dict]:
    return list(model.objects.order_by("pk").values())


@pytest.fixture
def article():
    return make_article(title="Does INTERPOL phone people?", body="No, **never**.")


def test_the_change_form_has_preview_buttons_that_open_a_new_tab(admin_client, article):
    page = admin_client.get(change_url(article)).content.decode()
    assert f'formaction="{preview_url(article)}" formtarget="_blank"' in page
    assert f'formaction="{preview_url(article)}?width=phone" formtarget="_blank"' in page
    assert 'name="_preview_language"' in page


def test_the_preview_shows_the_unsaved_text_and_changes_nothing(admin_client, article):
    data = posted_form(admin_client.get(change_url(article)))
    data.update(title_en="Does INTERPOL ever call?", body_en="It *never* calls you.")
    articles, versions = snapshot(Article), Version.objects.count()

    response = admin_client.post(preview_url(article), data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview — not saved." in page
    assert "<h1>Does INTERPOL ever call?</h1>" in page
    assert "It <em>never</em> calls you." in page
    assert {"no-store", "private"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert snapshot(Article) == articles
    assert Version.objects.count() == versions


def test_a_new_article_with_a_source_is_previewed_without_being_created(admin_client):
    topic = make_topic(title="Contact")
    data = posted_form(admin_client.get(reverse("admin:faq_article_add")))
    data.update(
        title_en="Can I email INTERPOL?",
        slug="can-i-email-interpol",
        topic=str(topic.pk),
        summary_en="Only about its own work.",
        body_en="Use the [contact form](https://www.interpol.int/en/Contacts).",
        **{
            "sources-TOTAL_FORMS": "1",
            "sources-0-title": "INTERPOL contacts",
            "sources-0-url": "https://www.interpol.int/en/Contacts",
            "sources-0-order": "1",
        },
    )
    response = admin_client.post(
        reverse("staff:preview_new", kwargs={"app_label": "faq", "model_name": "article"}), data
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Can I email INTERPOL?</h1>" in page
    assert "INTERPOL contacts</a>" in page
    assert not Article.objects.exists()
    assert not ArticleSource.objects.exists()


def test_the_preview_is_in_the_language_chosen_beside_the_button(admin_client, article):
    data = posted_form(admin_client.get(change_url(article)))
    data.update(title_fr="INTERPOL appelle-t-il ?", _preview_language="fr")
    page = admin_client.post(preview_url(article), data).content.decode()
    assert '<html lang="fr"' in page
    assert "<h1>INTERPOL appelle-t-il ?</h1>" in page


def test_phone_width_is_chosen_from_the_address_and_switched_on_the_page(admin_client, article):
    data = posted_form(admin_client.get(change_url(article)))
    page = admin_client.post(f"{preview_url(article)}?width=phone", data).content.decode()
    assert 'id="preview-width-phone" value="phone" checked' in page
    assert 'id="preview-width-full" value="full">' in page


def test_topics_crime_areas_and_scam_types_are_previewed_too(admin_client):
    items = [make_topic(title="Topic"), make_crime_area(title="Area"), make_scam_type(title="Scam")]
    for item in items:
        data = posted_form(admin_client.get(change_url(item)))
        data["title_en"] = f"Unsaved {item.title}"
        response = admin_client.post(preview_url(item), data)
        assert response.status_code == 200, item
        assert f"Unsaved {item.title}" in response.content.decode()
        assert type(item).objects.get(pk=item.pk).title == item.title
    assert len(items) == 3


def test_a_form_with_errors_is_not_previewed_and_says_why(admin_client, article):
    data = posted_form(admin_client.get(change_url(article)))
    data.update(title_en="", body_en="Changed")
    response = admin_client.post(preview_url(article), data)
    assert response.status_code == 400
    assert "there is nothing to preview yet" in response.content.decode()
    assert Article.objects.get().body == "No, **never**."


def test_only_staff_who_may_view_the_item_get_a_preview(client, admin_client, article):
    data = posted_form(admin_client.get(change_url(article)))
    admin_client.logout()
    assert client.post(preview_url(article), data).status_code == 302  # to the login page
    wizard_editor = User.objects.create_user("wendy", password="unused-password-1", is_staff=True)
    wizard_editor.groups.add(Group.objects.get(name="Wizard editors"))
    client.force_login(wizard_editor)
    assert client.post(preview_url(article), data).status_code == 403
    assert client.get(preview_url(article)).status_code == 405
