"""The browser's matcher (matcher.js, run in node) and Python's agree on the same rules
and examples: every starter sign's examples and the whole corpus."""

import json
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

from checker.export import rules_document
from checker.matching import check_message, compile_rules
from checker.starter import read_signs, rules_from_file

# Same on any database (text matching in Python and JavaScript): run in the SQLite pass only.
pytestmark = pytest.mark.same_on_any_database

HERE = Path(__file__).parent
CORPUS = tomllib.loads((HERE / "corpus.toml").read_text())["message"]


def run_node(document: dict, texts: list[str]) -> list[dict]:
    node = shutil.which("node")
    assert node, "node is needed for the browser matcher's test (the Makefile installs it)"
    completed = subprocess.run(
        [node, str(HERE / "run_matcher.js")],
        input=json.dumps({"document": document, "texts": texts}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(completed.stdout)


def test_both_matchers_find_the_same_signs_in_the_examples_and_the_corpus():
    rules = rules_from_file()
    domains = settings.CONTACT_URL_ALLOWED_DOMAINS
    examples = [
        example
        for record in read_signs()
        for example in record.get("must_match", []) + record.get("must_not_match", [])
    ]
    texts = examples + [message["text"] for message in CORPUS]
    assert len(texts) > 100
    compiled = compile_rules(rules)
    python = [
        check_message(text=text, compiled=compiled, official_domains=domains) for text in texts
    ]
    browser = run_node(rules_document(rules=rules, official_domains=domains), texts)
    differences = [
        f"{text[:50]!r}: python {report.keys} / browser {found['keys']}"
        for text, report, found in zip(texts, python, browser, strict=True)
        if report.keys != found["keys"]
    ]
    assert differences == []
    links = [([link.host, link.kind] for link in report.links) for report in python]
    assert [list(map(list, group)) for group in links] == [found["links"] for found in browser]


def test_the_browser_matcher_quotes_the_visitors_own_words():
    rules = rules_from_file()
    document = rules_document(rules=rules, official_domains=["interpol.int"])
    [found] = run_node(document, ["Message from 1NTERP0L: buy GIFT-CARDS"])
    quotes = dict(zip(found["keys"], found["quotes"], strict=True))
    assert quotes["claims-interpol"] == ["1NTERP0L"]
    assert quotes["gift-cards"] == ["GIFT-CARDS"]
