"""The site behind the shipped nginx configuration: TLS, redirects, headers and real clients.

nginx (rendered from deploy/nginx/interpolinfo.conf.template) terminates TLS
with a certificate from a throw-away authority and spreads requests over two
gunicorn instances that share PostgreSQL and Redis, all on loopback. Visitors
come from distinct loopback addresses (127.0.0.2, 127.0.0.3, ...), so the site
can tell them apart only if it reads the address nginx saw, and must never
believe an X-Forwarded-For a visitor wrote. The stack starts once for the module.
"""

import os
import re
import secrets
import time
from urllib.parse import urlsplit

import pytest

from tests.perf import live
from tests.proxy import stack

pytestmark = [pytest.mark.services, pytest.mark.xdist_group("nginx")]

ATTACKER, ADMIN, DIRECT_ATTACKER, VISITOR = "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5"
ADMIN_PATH = f"staff-{secrets.token_hex(6)}/"
LOGIN = f"/{ADMIN_PATH}login/"


class Site:
    """The running stack, and a way to be a visitor at a given address."""

    def __init__(self, proxy: stack.Proxy, authority: stack.TestAuthority, instances: list[str]):
        self.proxy, self.authority, self.instances = proxy, authority, instances
        self.context = stack.client_context(authority)

    def visitor(self, address: str) -> live.Browser:
        """A visitor at `address` going through nginx over https."""
        return live.Browser(
            self.proxy.origin,
            host=f"localhost:{self.proxy.https_port}",
            source_address=address,
            ssl_context=self.context,
        )

    def straight_to_gunicorn(self, address: str) -> live.Browser:
        """A visitor at `address` reaching an instance without the proxy."""
        return live.Browser(self.instances[0], host="localhost", source_address=address)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    assert live.uses_postgresql() and os.environ.get("REDIS_URL"), (
        "These tests run nginx in front of two gunicorn instances sharing PostgreSQL and "
        "Redis: run them with DATABASE_URL=postgres://… and REDIS_URL (make test's second pass)."
    )
    folder = tmp_path_factory.mktemp("nginx")
    database = live.new_postgresql_database(f"proxy_{os.getpid()}")
    authority = stack.make_test_authority(folder / "tls")
    https_port = live.free_port()
    env = live.site_env(database)
    # Production's defaults, where the shared live-server settings loosen them: no
    # X-Page-Cache header (it follows DEBUG, which is off) and five tries per login.
    del env["PAGE_CACHE_DIAGNOSTIC_HEADER"]
    env |= {
        "AXES_FAILURE_LIMIT": "5",
        "ADMIN_PATH": ADMIN_PATH,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SITE_URL": f"https://localhost:{https_port}",
        # nginx connects from 127.0.0.1: only it may say who the client is and that
        # the request came over TLS. nginx already redirects http to https.
        "TRUSTED_PROXIES": "127.0.0.1",
        "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
    }
    live.prepare_site(env, starter_content=False)
    try:
        with (
            live.gunicorn(env, log_path=folder / "a.log", workers=1) as first,
            live.gunicorn(env, log_path=folder / "b.log", workers=1) as second,
            stack.nginx(
                folder=folder / "nginx",
                authority=authority,
                upstreams=[urlsplit(first).netloc, urlsplit(second).netloc],
                https_port=https_port,
            ) as proxy,
        ):
            yield Site(proxy, authority, [first, second])
    finally:
        live.drop_postgresql_database(database)


def log_in(browser: live.Browser, password: str, headers: dict[str, str] | None = None) -> int:
    """Post the admin login form as a browser would; returns the status."""
    fields = live.form_fields(browser.get(LOGIN).body)
    fields = [(k, v) for k, v in fields if k not in {"username", "password"}]
    fields += [("username", live.ADMIN_USERNAME), ("password", password)]
    return browser.post(LOGIN, fields, referer=LOGIN, headers=headers).status


def test_bad_logins_from_one_client_do_not_lock_out_the_admin_at_another(site):
    attacker = site.visitor(ATTACKER)
    # Writing someone else's address into X-Forwarded-For changes nothing either.
    forged = {"X-Forwarded-For": "1.2.3.4"}
    # The fifth failure locks the account out for this client: the answer is the lockout page.
    assert [log_in(attacker, "wrong", forged) for _ in range(5)] == [200, 200, 200, 200, 429]
    assert log_in(attacker, live.ADMIN_PASSWORD) == 429

    assert log_in(site.visitor(ADMIN), live.ADMIN_PASSWORD) == 302


def test_a_forwarded_address_sent_straight_to_gunicorn_is_ignored(site):
    # Were "1.2.3.4" believed, these failures would count against it, not the sender.
    attacker = site.straight_to_gunicorn(DIRECT_ATTACKER)
    forged = {"X-Forwarded-For": "1.2.3.4"}
    # The fifth failure locks the account out for this client: the answer is the lockout page.
    assert [log_in(attacker, "wrong", forged) for _ in range(5)] == [200, 200, 200, 200, 429]
    assert log_in(attacker, live.ADMIN_PASSWORD) == 429


def test_a_forwarded_scheme_sent_straight_to_gunicorn_is_ignored(site):
    direct = site.straight_to_gunicorn(VISITOR)
    page = direct.request("GET", "/robots.txt", headers={"X-Forwarded-Proto": "https"})
    assert page.status == 200
    assert page.get("Strict-Transport-Security") == ""
    assert site.visitor(VISITOR).get("/robots.txt").get("Strict-Transport-Security") != ""


def test_http_is_redirected_to_the_same_path_over_https(site):
    plain = live.Browser(
        f"http://127.0.0.1:{site.proxy.http_port}", host=f"localhost:{site.proxy.http_port}"
    )
    answer = plain.get("/en/?q=1")
    assert answer.status == 301
    assert answer.get("Location") == f"{site.proxy.origin}/en/?q=1"


def test_a_page_arrives_through_the_proxy_with_every_security_header(site):
    page = site.visitor(VISITOR).get("/en/")
    assert page.status == 200
    assert "max-age=31536000" in page.get("Strict-Transport-Security")
    assert "includeSubDomains" in page.get("Strict-Transport-Security")
    assert "default-src 'self'" in page.get("Content-Security-Policy")
    assert page.get("X-Content-Type-Options") == "nosniff"
    assert page.get("X-Frame-Options") == "DENY"
    assert page.get("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert page.get("Cross-Origin-Opener-Policy") == "same-origin"
    assert "camera=()" in page.get("Permissions-Policy")
    # No version number, no cache diagnostics, no cookie on a public page.
    assert page.get("Server") == "nginx"
    assert page.get("X-Page-Cache") == ""
    assert page.get("Set-Cookie") == ""


def test_a_static_file_arrives_through_the_proxy(site):
    visitor = site.visitor(VISITOR)
    stylesheets = re.findall(r'href="(/static/[^"]+\.css)"', visitor.get("/en/").body)
    assert stylesheets, "the home page should link its stylesheet"
    css = visitor.request("GET", stylesheets[0], headers={"Accept-Encoding": "identity"})
    assert css.status == 200
    assert css.get("Content-Type").startswith("text/css")
    assert "immutable" in css.get("Cache-Control")
    assert css.body.strip()


def test_robots_txt_does_not_reveal_the_admin_path(site):
    robots = site.visitor(VISITOR).get("/robots.txt")
    assert robots.status == 200
    assert "Sitemap:" in robots.body
    assert ADMIN_PATH.strip("/") not in robots.body


def test_nginx_spreads_requests_over_both_instances(site):
    logs = [site.proxy.folder.parent / name for name in ("a.log", "b.log")]

    def robots_served() -> list[int]:
        return [log.read_text(errors="replace").count('"/robots.txt"') for log in logs]

    before = robots_served()
    visitor = site.visitor(VISITOR)
    assert [visitor.get("/robots.txt").status for _ in range(4)] == [200] * 4
    # gunicorn writes its access line just after the answer leaves: wait for all four.
    deadline = time.monotonic() + 10
    while sum(robots_served()) - sum(before) < 4 and time.monotonic() < deadline:
        time.sleep(0.1)
    after = robots_served()
    assert sum(after) - sum(before) == 4
    assert all(now > then for now, then in zip(after, before, strict=True))
