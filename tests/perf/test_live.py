"""Real gunicorn processes: several instances stay consistent, and the site holds up under load.

Both tests start the site with production settings on free loopback ports,
against a database of their own (a new PostgreSQL database, or a SQLite file),
with the starter content loaded, and stop it afterwards.
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.crawl import crawl
from tests.perf import live

pytestmark = pytest.mark.slow

SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "60"))
SOAK_READERS = int(os.environ.get("SOAK_READERS", "6"))
SOAK_EDIT_EVERY = float(os.environ.get("SOAK_EDIT_EVERY", "1.5"))
# A hard cap on requests, whatever the machine's speed: the loops always end.
SOAK_MAX_REQUESTS = int(os.environ.get("SOAK_MAX_REQUESTS", "200000"))

ARTICLES_SCRIPT = """
import json
from django.urls import reverse
from faq.models import Article
rows = Article.objects.published().order_by("pk")[:{limit}]
print(json.dumps([
    {{"change": reverse("admin:faq_article_change", args=[a.pk]),
      "url": a.get_absolute_url(), "title": a.title}}
    for a in rows
]))
"""


def published_articles(env: dict[str, str], *, limit: int) -> list[dict[str, str]]:
    """Published articles of the live site's database: admin change path, public path, title."""
    found = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", ARTICLES_SCRIPT.format(limit=limit)],
        cwd=live.ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    articles = json.loads(found.stdout.strip().splitlines()[-1])
    assert articles, "the starter content should publish some articles"
    return articles


def shows_title(page: live.Page, title: str) -> bool:
    return title in unescape(page.body)


@pytest.fixture
def live_database(tmp_path):
    """A database for gunicorn: a new PostgreSQL database on the PostgreSQL pass, else SQLite."""
    if live.uses_postgresql():
        url = live.new_postgresql_database(f"live_{os.getpid()}")
        yield url
        live.drop_postgresql_database(url)
    else:
        yield f"sqlite:///{tmp_path / 'live.sqlite3'}"


# Two instances share a PostgreSQL database and Redis: make test's second pass runs it.
@pytest.mark.services
def test_an_edit_saved_through_one_instance_is_served_by_another(live_database, tmp_path):
    assert live.uses_postgresql(), "two instances share a PostgreSQL database: set DATABASE_URL"
    assert os.environ.get("REDIS_URL"), "two instances share one Redis cache: set REDIS_URL"
    env = live.site_env(live_database)
    live.prepare_site(env)
    article = published_articles(env, limit=1)[0]
    log = tmp_path / "instances.log"

    with live.gunicorn(env, log_path=log) as base_a, live.gunicorn(env, log_path=log) as base_b:
        visitor_a, visitor_b = live.Browser(base_a), live.Browser(base_b)
        assert shows_title(visitor_b.get(article["url"]), article["title"])
        cached = visitor_b.get(article["url"])
        assert cached.get("X-Page-Cache") == "hit"

        editor = live.Browser(base_a)
        editor.log_in_to_admin()
        new_title = f"{article['title']} (edited on instance A)"
        saved = editor.save_in_admin(article["change"], {"title_en": new_title})
        assert saved.status == 302, saved.body[:2000]

        on_b = visitor_b.get(article["url"])
        assert on_b.status == 200
        assert shows_title(on_b, new_title)
        assert on_b.get("X-Page-Cache") == "miss"
        # Instance A never rendered the new page: it gets B's copy from the shared Redis.
        on_a = visitor_a.get(article["url"])
        assert shows_title(on_a, new_title)
        assert on_a.get("X-Page-Cache") == "hit"
        assert visitor_a.cookies == {} and visitor_b.cookies == {}


class LiveClient:
    """Lets tests/crawl.py walk a live server as if it were Django's test client."""

    class Response:
        def __init__(self, page: live.Page) -> None:
            self.status_code, self.content, self._headers = page.status, page.body.encode(), page

        def __getitem__(self, name: str) -> str:
            return self._headers.get(name)

        def get(self, name: str, default: str = "") -> str:
            return self._headers.get(name, default)

    def __init__(self, base_url: str) -> None:
        self.browser = live.Browser(base_url)

    def get(self, path: str) -> "LiveClient.Response":
        return self.Response(self.browser.get(path))


def public_urls(base_url: str) -> list[str]:
    """Every page type: crawled from the home page, the sitemap, a search and the wizard."""
    visitor = live.Browser(base_url)
    sitemap = visitor.get(reverse("sitemap")).body
    start = [
        reverse("faq:home"),
        reverse("faq:search") + "?q=red+notice",
        reverse("contact:start"),
        *(urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)),
    ]
    seen = crawl(LiveClient(base_url), start, limit=400, language="en")
    return [url for url, response in seen.items() if response.status_code == 200]


@pytest.mark.skipif(SOAK_SECONDS <= 0, reason="SOAK_SECONDS is 0")
def test_the_site_holds_up_under_a_soak_with_edits_during_the_load(live_database, tmp_path):
    env = live.site_env(live_database)
    live.prepare_site(env)
    articles = published_articles(env, limit=12)
    log = tmp_path / "soak.log"

    with live.gunicorn(env, log_path=log, workers=3) as base:
        urls = public_urls(base)
        assert len(urls) >= 20, urls
        assert any("result" in url for url in urls), "the crawl should reach wizard results"
        statuses: Counter[int] = Counter()
        failures: list[str] = []
        edits: dict[str, str] = {}
        saved_edits: list[int] = []
        deadline = time.monotonic() + SOAK_SECONDS
        budget = threading.Semaphore(SOAK_MAX_REQUESTS)

        def read(offset: int) -> None:
            visitor = live.Browser(base, timeout=30)
            position = offset
            while time.monotonic() < deadline and budget.acquire(blocking=False):
                url = urls[position % len(urls)]
                position += 1
                try:
                    status = visitor.get(url).status
                except OSError as error:
                    failures.append(f"{url}: {error!r}")
                    continue
                statuses[status] += 1
                if not 200 <= status < 400:
                    failures.append(f"{url}: {status}")

        def edit() -> None:
            editor = live.Browser(base, timeout=30)
            editor.log_in_to_admin()
            number = 0
            while time.monotonic() < deadline - SOAK_EDIT_EVERY:
                article = articles[number % len(articles)]
                title = f"{article['title']} (soak edit {number})"
                saved = editor.save_in_admin(article["change"], {"title_en": title})
                if saved.status != 302:
                    failures.append(f"edit {number} of {article['change']}: {saved.status}")
                else:
                    edits[article["url"]] = title
                    saved_edits.append(number)
                number += 1
                time.sleep(SOAK_EDIT_EVERY)

        step = max(1, len(urls) // SOAK_READERS)
        threads = [threading.Thread(target=read, args=(n * step,)) for n in range(SOAK_READERS)]
        threads.append(threading.Thread(target=edit))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SOAK_SECONDS + 120)
        assert not any(thread.is_alive() for thread in threads)

        visitor = live.Browser(base)
        stale = {
            url: title for url, title in edits.items() if not shows_title(visitor.get(url), title)
        }

    print(f"soak: {sum(statuses.values())} requests {dict(statuses)}, {len(saved_edits)} edits")
    assert failures == []
    assert sum(statuses.values()) > 10 * SOAK_READERS
    assert len(saved_edits) >= max(1, int(SOAK_SECONDS / SOAK_EDIT_EVERY) // 3)
    assert len(edits) >= min(len(articles), max(1, int(SOAK_SECONDS / SOAK_EDIT_EVERY) // 2))
    assert stale == {}
    assert "database is locked" not in log.read_text(errors="replace")
