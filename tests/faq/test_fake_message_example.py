"""The annotated example of a fake "INTERPOL" email and letter, drawn by the site."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from faq.starter import STARTER_DIR, read_article
from interpolinfo.templatetags.languages import without_language_prefix

# Same on any database (the starter text's wording): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database

EXAMPLE = reverse("faq:fake_message_example")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_the_example_is_marked_as_an_example_on_each_drawing(client):
    html = client.get(EXAMPLE).content.decode()
    assert html.count("NOT A REAL MESSAGE") == 2
    assert "They are not real." in html


@pytest.mark.django_db
def test_every_number_in_the_drawing_is_explained_in_words_below_it(client):
    html = client.get(EXAMPLE).content.decode()
    drawing, explained = html.split('id="warning-signs"')
    markers = [int(n) for n in re.findall(r'badge text-bg-danger">(\d+)<', drawing)]
    signs = re.findall(r"<li>", explained.split("</ol>")[0])
    assert markers == list(range(1, len(signs) + 1))


def test_the_drawing_uses_no_inline_style_or_script_and_no_real_address():
    template = (ROOT / "templates" / "faq" / "fake_message_example.html").read_text()
    assert " style=" not in template
    assert "<script" not in template
    assert "freemail.example" in template  # a reserved domain nobody can own


def test_the_spotting_article_links_to_the_example():
    body = read_article(STARTER_DIR / "articles" / "how-to-spot-a-fake-interpol-message.md")["body"]
    # Editors write the address without a language; each language's page adds its own.
    assert f"]({without_language_prefix(EXAMPLE)})" in body
