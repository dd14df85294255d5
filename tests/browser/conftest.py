"""Fixtures for the real-browser quality gate.

Playwright drives Debian's chromium (never a browser of its own) against a
live server that runs like production: DEBUG off, static files collected with
whitenoise's compressed manifest storage and served by whitenoise itself (not
by the test server's static-file finder), and the site's own error handlers.
"""

import os

# Playwright's sync API keeps an event loop running in the test thread; Django
# would otherwise refuse ORM calls made from it. Set before anything imports Django.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test.utils import override_settings

from scripts.lighthouse import free_port
from tests.browser import audit
from tests.content import load_starter_content
from tests.snapshot import DatabaseSnapshot

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _live_server_ports() -> range:
    """Five ports for this process's live server; each pytest-xdist worker has its own
    five, so two workers starting at once never race for one port."""
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))
    start = 8301 + 10 * worker
    return range(start, start + 5)


LIVE_SERVER_PORTS = _live_server_ports()
NARROW, WIDE = 360, 1280
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser drives the browser: mark it so."""
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def _production_like(static_root: Path) -> dict:
    return {
        "DEBUG": False,
        "STATIC_ROOT": static_root,
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        "MEDIA_URL": "/media/",
        "ROOT_URLCONF": "tests.browser.error_urls",
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost", "testserver"],
    }


@pytest.fixture(scope="session")
def production_settings(tmp_path_factory) -> dict:
    """Collect the static files once per run, as a production deploy does."""
    values = _production_like(tmp_path_factory.mktemp("staticfiles"))
    with override_settings(**values):
        call_command("collectstatic", interactive=False, verbosity=0)
    return values


@pytest.fixture(autouse=True)
def _production_like_settings(production_settings) -> Iterator[None]:
    """Each test starts on the production-like settings and with an empty cache.

    A Redis cache outlives the database between tests, and would otherwise
    serve pages rendered from another test's content.
    """
    with override_settings(**production_settings):
        cache.clear()
        yield


def _no_static_finder(application):
    """Let whitenoise serve /static/ from STATIC_ROOT, as in production."""
    return application


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker, production_settings):
    """pytest-django's live server, with whitenoise serving the collected files.

    Keeping the name `live_server` keeps pytest-django's handling: each test
    that uses it gets a transactional database the server thread can see,
    emptied afterwards, and runs after the tests that roll back.
    """
    from pytest_django.live_server_helper import LiveServer

    with override_settings(**production_settings), django_db_blocker.unblock():
        server = LiveServer(f"127.0.0.1:{free_port(LIVE_SERVER_PORTS)}", start=False)
        server.thread.static_handler = _no_static_finder
        server.start()
    yield server
    server.stop()


_STARTER_SNAPSHOT: list[DatabaseSnapshot] = []


@pytest.fixture
def site_content(live_server) -> None:
    """The starter knowledge base and contact flow, as `make run` loads them.

    The database is emptied after each live-server test (sharing one load would
    mean committing content that the rolled-back tests elsewhere must not see).
    The first test of a process loads the starter content and copies the
    database; every later one puts that copy back (tests/snapshot.py), which
    takes milliseconds instead of the seconds a load takes.
    """
    if _STARTER_SNAPSHOT:
        _STARTER_SNAPSHOT[0].restore()
        return
    load_starter_content()
    _STARTER_SNAPSHOT.append(DatabaseSnapshot.take())


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser-deps` installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.hostname in LOCAL_HOSTS


class RequestLog:
    """Every request a browser context made, so a test can prove none left the machine."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def record(self, request) -> None:
        self.urls.append(request.url)

    @property
    def offsite(self) -> list[str]:
        return [url for url in self.urls if not is_local(url)]


@pytest.fixture
def request_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def new_context(browser, live_server, request_log) -> Iterator[Callable]:
    """Make browser contexts that record every request and block any to another host.

    A request to another host is aborted (nothing leaves 127.0.0.1) and still
    recorded, and the test fails at teardown if there was one.
    """
    contexts = []

    def make(*, width: int = NARROW, javascript: bool = True, **options):
        context = browser.new_context(
            base_url=live_server.url,
            viewport={"width": width, "height": 800},
            java_script_enabled=javascript,
            **options,
        )
        context.on("request", request_log.record)
        context.route(
            re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/])"),
            lambda route: route.abort(),
        )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert request_log.offsite == [], "The page made requests to another host."


@pytest.fixture
def page(new_context):
    """A fresh page at the narrow (phone) width, JavaScript on."""
    return new_context().new_page()


@pytest.fixture
def staff_user(site_content, django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="a long test passphrase 42"
    )


def pytest_terminal_summary(terminalreporter):
    """Say how much axe checked, so the count can be quoted from any run."""
    if audit.AXE_RUNS:
        rules = sorted(audit.AXE_RULES_CHECKED)
        terminalreporter.write_sep("-", "axe-core")
        terminalreporter.write_line(
            f"axe-core {audit.axe_version()}: {len(rules)} WCAG 2.0/2.1/2.2 A+AA rules evaluated "
            f"in {audit.AXE_RUNS} page runs, {audit.AXE_VIOLATIONS} violations."
        )
    if audit.WEIGHTS:
        terminalreporter.write_sep("-", "page weight (compressed bytes, first load)")
        for name, kilobytes in sorted(audit.WEIGHTS.items()):
            terminalreporter.write_line(f"{name:28} {kilobytes:6.1f} KB")
    if audit.LIGHTHOUSE:
        terminalreporter.write_sep("-", "Lighthouse (gunicorn, production settings)")
        for name, result in audit.LIGHTHOUSE.items():
            if "skipped" in result or "error" in result:
                reason = result.get("error") or f"skipped: {result['skipped']}"
                terminalreporter.write_line(f"{name:28} {reason}")
                continue
            scores = "  ".join(f"{k} {round(v * 100)}" for k, v in result["scores"].items())
            noindex = " (noindex)" if result["noindex"] else ""
            first = result.get("beside_others")
            alone = f" (measured alone; beside others: {'; '.join(first)})" if first else ""
            terminalreporter.write_line(f"{name:28} {scores}{noindex}{alone}")
