"""A content backup restores into an empty database, and every public page comes back the same."""

import json
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from contact.flow import answers_query, load_flow
from faq.models import Article, CrimeArea
from interpolinfo.backup import NOT_CONTENT, content_models, export_content
from interpolinfo.page_cache import local_pages
from tests.contact.helpers import paths_to_outcomes

# One process runs the whole module on the PostgreSQL pass (--dist loadgroup), so the
# module's starter content is loaded once, not once in each process.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("backup")]


def public_urls() -> list[str]:
    """Every page in the sitemap, plus every wizard question and result."""
    sitemap = Client().get(reverse("sitemap")).content.decode()
    urls = [url.split("testserver", 1)[-1] for url in _locations(sitemap)]
    for answers in paths_to_outcomes(graph=load_flow()):
        urls.append(f"{reverse('contact:result')}?{answers_query(answers=answers)}")
        urls.append(f"{reverse('contact:question')}?{answers_query(answers=answers[:-1])}")
    return sorted(set(urls))


def _locations(xml: str) -> list[str]:
    return [part.split("</loc>", 1)[0] for part in xml.split("<loc>")[1:]]


def render_all(urls: list[str]) -> dict[str, bytes]:
    cache.clear()
    local_pages.clear()
    pages = {}
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 200, url
        pages[url] = response.content
    return pages


def delete_all_content() -> None:
    """Empty the content tables, as a fresh `migrate` leaves them (sub-areas before
    their main groups: the self-reference is protected)."""
    CrimeArea.objects.filter(parent__isnull=False).delete()
    for model in reversed(content_models()):
        model._base_manager.all().delete()


def write(backup: dict, tmp_path) -> str:
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup))
    return str(path)


def test_every_content_model_is_backed_up_unless_visitors_write_it():
    exported = {model._meta.label_lower for model in content_models()}
    assert {
        "faq.article",
        "faq.crimearea",
        "contact.question",
        "interpolinfo.sitefacts",
    } <= exported
    assert not exported & NOT_CONTENT


def test_export_then_restore_into_an_empty_database_gives_back_every_public_page(
    starter_content, tmp_path
):
    urls = public_urls()
    assert len(urls) > 60
    before = render_all(urls)
    path = tmp_path / "content.json"
    call_command("export_content", str(path), stderr=StringIO())

    delete_all_content()
    assert not Article.objects.exists()
    out = StringIO()
    call_command("import_content", str(path), stdout=out)

    assert "Restored" in out.getvalue()
    assert render_all(urls) == before


def test_a_backup_from_a_newer_schema_is_refused_clearly(starter_content, tmp_path):
    backup = export_content()
    delete_all_content()
    backup["schema"]["faq"] = "9999_from_the_future"
    backup["sha256"] = export_content.__globals__["_checksum"](backup)
    with pytest.raises(CommandError, match="newer version of the site"):
        call_command("import_content", write(backup, tmp_path))


def test_a_damaged_backup_is_refused(starter_content, tmp_path):
    backup = export_content()
    delete_all_content()
    backup["objects"][0]["fields"]["title"] = "Tampered"
    with pytest.raises(CommandError, match="checksum"):
        call_command("import_content", write(backup, tmp_path))
    assert not Article.objects.exists()


def test_a_restore_never_mixes_with_existing_content(starter_content, tmp_path):
    with pytest.raises(CommandError, match="already holds content"):
        call_command("import_content", write(export_content(), tmp_path))
