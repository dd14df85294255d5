"""Content in four languages: fallback with a note, starter translations, the report."""

import pytest
from django.conf import settings
from django.urls import reverse

from faq.models import Article
from interpolinfo.translations import NEEDS_REVIEW, NEEDS_UPDATE, UNTRANSLATED, translation_report
from tests.faq.factories import make_article

pytestmark = pytest.mark.django_db


def report_for(code: str) -> dict:
    return next(language for language in translation_report() if language["code"] == code)


def test_a_translated_page_shows_its_language_and_no_note(client):
    article = make_article(slug="bilingual", title="Is this real?")
    article.title_fr = "Est-ce vrai ?"
    article.summary_fr = "Non."
    article.body_fr = "Voir [la page](/questions/bilingual/)."
    article.save()
    html = client.get("/fr/questions/bilingual/").content.decode()
    assert "Est-ce vrai ?" in html
    assert 'href="/fr/questions/bilingual/"' in html  # the French HTML links French pages
    assert "not yet translated" not in html


def test_an_untranslated_page_falls_back_to_english_and_says_so(client):
    make_article(slug="english-only", title="Only in English")
    html = client.get("/es/questions/english-only/").content.decode()
    assert "Only in English" in html
    assert "untranslated-note" in html
    assert "untranslated-note" not in client.get("/en/questions/english-only/").content.decode()


def test_starter_translations_await_review_and_an_english_edit_asks_for_an_update(admin_client):
    from django.core.management import call_command

    call_command("load_starter_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    french = report_for("fr")
    assert french["counts"][UNTRANSLATED] == 0
    assert french["counts"][NEEDS_REVIEW] > 0
    article = Article.objects.get(slug="what-is-interpol")
    article.body_en += "\n\nOne more English sentence."
    article.save()
    stale = [item for _kind, item in report_for("fr")["rows"][NEEDS_UPDATE]]
    assert article in stale
    page = admin_client.get(reverse("admin:interpolinfo_translationstate_changelist"))
    assert page.status_code == 200
    assert "Translation report" in page.content.decode()


HASH_SCRIPT = """
from faq.models import Article
from interpolinfo.translations import english_hash
print(english_hash(Article(title_en="T", summary_en="S", body_en="B", meta_description_en="M")))
"""


def test_the_english_fingerprint_is_the_same_in_every_process():
    """Starter translations recorded by one process must not read "needs update" in the
    next: string hashing differs per process, so nothing may depend on set order."""
    import os
    import subprocess
    import sys

    from interpolinfo.translations import english_hash

    here = english_hash(Article(title_en="T", summary_en="S", body_en="B", meta_description_en="M"))
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "shell",
                "-v",
                "0",
                "-c",
                HASH_SCRIPT,
            ],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        assert result.stdout.strip().splitlines()[-1] == here


def test_an_item_with_no_english_text_is_not_listed_as_needing_work():
    """A country with no notes has nothing to translate; one with notes does."""
    from tests.directory.sample import make_sample_directory

    countries = make_sample_directory()
    silent = next(country for country in countries.values() if not country.notes_en)
    noted = next(country for country in countries.values() if country.notes_en)
    listed = [item for _kind, item in report_for("fr")["rows"][UNTRANSLATED]]
    assert noted in listed
    assert silent not in listed
