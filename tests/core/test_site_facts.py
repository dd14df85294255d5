"""The member count is typed once (the migration that seeds it) and shown from the database."""

import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from faq.models import Article
from interpolinfo.models import SiteFacts
from interpolinfo.site_facts import current_facts, fill_facts
from tests.faq.factories import make_article

ROOT = Path(__file__).resolve().parents[2]
THE_ONE_PLACE = "interpolinfo/migrations/0004_first_site_facts.py"


def _text_people_read(path: Path) -> str:
    """The file's text, without a catalogue's source references ("#: faq/models.py:196")."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.startswith("#:"))


def test_the_member_count_is_typed_only_where_it_is_seeded():
    count = SiteFacts._meta.get_field("member_countries")  # the field exists
    assert count is not None
    tracked = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    seeded = _seeded_count()
    typed_in = [
        path
        for path in tracked
        if path != THE_ONE_PLACE
        and not path.startswith(("tests/", "static/css/", "package-lock"))
        and path.endswith((".py", ".md", ".toml", ".html", ".txt", ".po"))
        and re.search(rf"(?<![\d.]){seeded}(?![\d.])", _text_people_read(ROOT / path))
    ]
    assert typed_in == []


def _seeded_count() -> int:
    text = (ROOT / THE_ONE_PLACE).read_text(encoding="utf-8")
    return int(re.search(r"MEMBER_COUNTRIES = (\d+)", text)[1])


def test_fill_facts_puts_each_fact_where_the_text_names_it():
    assert fill_facts("All {member_countries} of them.", facts={"member_countries": 7}) == (
        "All 7 of them."
    )
    assert fill_facts("{unknown} stays", facts={"member_countries": 7}) == "{unknown} stays"


@pytest.mark.django_db
def test_the_seeded_row_holds_the_count_staff_see_in_the_admin():
    assert current_facts() == {"member_countries": _seeded_count()}


@pytest.mark.django_db
def test_an_article_shows_the_count_staff_saved_and_a_new_one_after_an_edit(client):
    article = make_article(
        summary="It has {member_countries} members.",
        body="Each of the {member_countries} countries has a bureau.",
    )
    assert isinstance(article, Article)
    page = client.get(article.get_absolute_url())
    assert f"Each of the {_seeded_count()} countries" in page.content.decode()

    facts = SiteFacts.objects.get()
    facts.member_countries = 201
    facts.save()

    page = client.get(article.get_absolute_url())
    assert "Each of the 201 countries has a bureau." in page.content.decode()
    assert "It has 201 members." in page.content.decode()
    assert "{member_countries}" not in page.content.decode()


@pytest.mark.django_db
def test_staff_can_change_the_facts_but_not_add_or_delete_them(admin_client):
    change = reverse("admin:interpolinfo_sitefacts_change", args=[1])
    assert admin_client.get(change).status_code == 200
    assert admin_client.get(reverse("admin:interpolinfo_sitefacts_add")).status_code == 403
