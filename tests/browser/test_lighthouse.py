"""Lighthouse 12 scores of the main page types, served by gunicorn under production settings.

scripts/lighthouse.py does the work (a throwaway SQLite site with the starter
content, collected static files, gunicorn on 127.0.0.1, chromium from Debian);
these tests read its scores. It runs once, in the SQLite pass only: it builds
its own database, so the PostgreSQL pass would measure the same thing again.
"""

import json
import subprocess
import sys

import pytest
from django.conf import settings

from scripts.lighthouse import MINIMUM, PAGE_TYPES
from tests.browser import audit

pytestmark = pytest.mark.lighthouse


@pytest.fixture(scope="module")
def lighthouse(tmp_path_factory) -> dict[str, dict]:
    report = tmp_path_factory.mktemp("lighthouse") / "scores.json"
    subprocess.run(
        [sys.executable, "scripts/lighthouse.py", "--json", str(report)],
        cwd=settings.BASE_DIR,
        check=True,
        timeout=600,
    )
    results = {result["page_type"]: result for result in json.loads(report.read_text())}
    audit.LIGHTHOUSE.update(results)
    return results


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_lighthouse_scores_meet_the_targets(lighthouse, page_type):
    result = lighthouse[page_type]
    assert "skipped" not in result, f"no {page_type} page: {result.get('skipped')}"
    assert "error" not in result, result.get("error")
    scores = result["scores"]

    assert scores["performance"] >= MINIMUM["performance"], result["failing_audits"]
    assert scores["accessibility"] == 1, result["failing_audits"]["accessibility"]
    assert scores["best-practices"] == 1, result["failing_audits"]["best-practices"]
    if result["noindex"]:
        assert result["failing_audits"]["seo"] == ["is-crawlable"]
    else:
        assert scores["seo"] == 1, result["failing_audits"]["seo"]
