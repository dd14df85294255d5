"""The site running under gunicorn, for tests that need real processes and real HTTP.

Servers listen on free ports on 127.0.0.1 only, run with production settings
over plain http (tests/proxy/ puts nginx with TLS in front of them), and are
stopped when the `with` block ends.
"""

import functools
import http.client
import os
import secrets
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from django.conf import settings

from scripts.site_env import prepare_site as prepare_production_site
from scripts.site_env import production_over_http

ROOT = Path(__file__).resolve().parents[2]
ADMIN_USERNAME = "live-admin"
ADMIN_PASSWORD = secrets.token_urlsafe(16)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def uses_postgresql() -> bool:
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def new_postgresql_database(suffix: str) -> str:
    """A fresh database beside the one the tests were given; returns its URL."""
    import psycopg

    parts = urlsplit(os.environ["DATABASE_URL"])
    name = f"{parts.path.lstrip('/')}_{suffix}"
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_postgresql_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def site_env(database_url: str) -> dict[str, str]:
    """Production settings on plain http, sharing this test run's Redis if it has one."""
    return production_over_http(
        database_url=database_url,
        redis_url=os.environ.get("REDIS_URL", ""),
        ADMIN_USERNAME=ADMIN_USERNAME,
        ADMIN_PASSWORD=ADMIN_PASSWORD,
        # Generous, so a slow shared CI machine does not lock the test's admin out.
        AXES_FAILURE_LIMIT="50",
        # The soak's editors sign in by password alone: a TOTP code serves one sign-in per
        # 30 s step, and two-factor sign-in has its own tests (tests/core/test_two_factor.py,
        # tests/browser/test_two_factor.py).
        OTP_REQUIRED="false",
        # The tests read X-Page-Cache to tell a hit from a miss.
        PAGE_CACHE_DIAGNOSTIC_HEADER="true",
        STATIC_ROOT=_static_root(),
    )


@functools.cache
def _static_root() -> str:
    """This test process's own static folder, collected once and served by every site it
    starts: collectstatic must never rewrite a folder that another test process (an
    xdist worker) is serving from, and compressing every file is the slowest set-up step."""
    return tempfile.mkdtemp(prefix="interpolinfo-static-")


_collected: set[str] = set()


def prepare_site(env: dict[str, str], *, starter_content: bool = True) -> None:
    """scripts/site_env.py's site, with the admin; the static files are collected
    once per test process (`_static_root`)."""
    collected = env["STATIC_ROOT"] in _collected
    prepare_production_site(env, starter_content=starter_content, admin=True, static=not collected)
    _collected.add(env["STATIC_ROOT"])


@contextmanager
def gunicorn(env: dict[str, str], *, log_path: Path, workers: int = 2) -> Iterator[str]:
    """Serve the site; yields its base URL."""
    port = free_port()
    server_env = {**env, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers)}
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "-c",
                "interpolinfo/gunicorn.conf.py",
                "interpolinfo.wsgi",
            ],
            cwd=ROOT,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_for_health(port, process)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_health(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {process.returncode}")
        try:
            if Browser(f"http://127.0.0.1:{port}").get("/healthz").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn on port {port} did not become healthy in 60 seconds")


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    body: str

    def get(self, name: str, default: str = "") -> str:
        return self.headers.get(name.lower(), default)


@dataclass
class Browser:
    """A minimal HTTP client that keeps cookies itself (production marks them Secure).

    It sends one Host, without the port, to every instance, as a proxy in front of
    several instances forwards the site's one public host name. It can speak https
    (trusting `ssl_context`) and connect from a given loopback address, so that one
    machine can play several visitors.
    """

    base_url: str
    cookies: dict[str, str] = field(default_factory=dict)
    timeout: float = 30
    host: str = "127.0.0.1"
    source_address: str = ""
    ssl_context: ssl.SSLContext | None = None

    def _connect(self) -> http.client.HTTPConnection:
        parts = urlsplit(self.base_url)
        source = (self.source_address, 0) if self.source_address else None
        if parts.scheme == "https":
            return http.client.HTTPSConnection(
                parts.hostname,
                parts.port,
                timeout=self.timeout,
                source_address=source,
                context=self.ssl_context,
            )
        return http.client.HTTPConnection(
            parts.hostname, parts.port, timeout=self.timeout, source_address=source
        )

    def request(self, method: str, path: str, body: str = "", headers=None) -> Page:
        conn = self._connect()
        sent = {"Host": self.host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            conn.request(method, path, body=body.encode() or None, headers=sent)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie_name, _, rest = value.partition("=")
                    self.cookies[cookie_name.strip()] = rest.split(";", 1)[0]
            headers_seen = {name.lower(): value for name, value in response.getheaders()}
            return Page(response.status, headers_seen, text)
        finally:
            conn.close()

    def get(self, path: str) -> Page:
        return self.request("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]], *, referer: str, headers=None) -> Page:
        return self.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": self.base_url + referer,
                **(headers or {}),
            },
        )

    def log_in_to_admin(self) -> None:
        login = f"/{settings.ADMIN_PATH}login/"
        fields = form_fields(self.get(login).body)
        fields = [(k, v) for k, v in fields if k not in {"username", "password"}]
        fields += [("username", ADMIN_USERNAME), ("password", ADMIN_PASSWORD)]
        answer = self.post(login, fields, referer=login)
        if answer.status != 302:
            raise AssertionError(f"admin login answered {answer.status}")

    def save_in_admin(self, change_path: str, changes: dict[str, str]) -> Page:
        """Load an admin change form, change some fields and press Save."""
        fields = [(k, v) for k, v in form_fields(self.get(change_path).body) if k not in changes]
        fields += [*changes.items(), ("_save", "Save")]
        return self.post(change_path, fields, referer=change_path)


class _FormFields(HTMLParser):
    """The values a browser would submit from the page's POST form."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option_value: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: "" if value is None else value for name, value in attrs}
        if tag == "form" and attr.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        name = attr.get("name")
        if tag == "input" and name:
            kind = attr.get("type", "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attr:
                return
            self.fields.append((name, attr.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
            self._multiple = "multiple" in attr
        elif tag == "option" and self._select:
            value = attr.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attr:
                self.fields.append((self._select, value))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select" and self._select:
            if not self._select_chosen and not self._multiple and self._select_first is not None:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None


def form_fields(html: str) -> list[tuple[str, str]]:
    parser = _FormFields()
    parser.feed(html)
    return parser.fields
