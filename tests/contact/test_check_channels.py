"""`check_channels` against a local HTTP server on 127.0.0.1: never the internet."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from contact.models import Channel

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self):
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        elif self.path == "/gone":
            self.send_response(404)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        elif self.path == "/moved-away":
            self.send_response(302)
            self.send_header("Location", "https://interpol-int.invalid/ok")
        else:
            self.send_response(200)
        self.end_headers()

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server(settings):
    # Port 0: the system picks a free port on 127.0.0.1, so tests never collide.
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CONTACT_URL_ALLOWED_DOMAINS = ["127.0.0.1", "interpol.int"]
    settings.CONTACT_URL_SCHEMES = ["https", "http"]  # the local server speaks plain http
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make(slug: str, url: str) -> Channel:
    return Channel.objects.create(slug=slug, name=slug, url=url)


def run(*args) -> str:
    out = StringIO()
    call_command("check_channels", *args, stdout=out)
    return out.getvalue()


def test_each_answer_is_recorded_on_its_channel(local_server):
    make("ok", f"{local_server}/ok")
    make("gone", f"{local_server}/gone")
    make("moved", f"{local_server}/moved")
    make("no-head", f"{local_server}/no-head")

    output = run("--timeout", "5")

    statuses = dict(Channel.objects.values_list("slug", "last_check_status"))
    assert statuses == {"ok": 200, "gone": 404, "moved": 200, "no-head": 200}
    assert all(Channel.objects.values_list("last_checked_at", flat=True))
    assert "Checked 4 channel(s): 3 answered, 1 need a look." in output


def test_a_timeout_and_a_refused_connection_are_recorded_without_stopping(local_server):
    make("slow", f"{local_server}/slow")
    make("refused", f"http://127.0.0.1:{closed_port()}/")
    make("ok", f"{local_server}/ok")

    output = run("--timeout", "0.5")

    slow = Channel.objects.get(slug="slow")
    refused = Channel.objects.get(slug="refused")
    assert slow.last_check_status is None
    assert "timed out" in slow.last_check_error or "No answer within" in slow.last_check_error
    assert refused.last_check_status is None
    assert refused.last_check_error
    assert Channel.objects.get(slug="ok").last_check_status == 200
    assert "Checked 3 channel(s): 1 answered, 2 need a look." in output


def test_an_address_off_the_allow_list_is_never_requested(local_server, settings):
    make("off-list", f"{local_server}/ok")
    settings.CONTACT_URL_ALLOWED_DOMAINS = ["interpol.int"]
    run()
    channel = Channel.objects.get(slug="off-list")
    assert channel.last_check_status is None
    assert channel.last_check_error.startswith("Not checked:")


def test_only_the_named_channels_are_checked(local_server):
    make("ok", f"{local_server}/ok")
    make("other", f"{local_server}/ok")
    run("--channel", "ok")
    assert Channel.objects.get(slug="ok").last_check_status == 200
    assert Channel.objects.get(slug="other").last_checked_at is None


def test_a_redirect_off_the_official_domains_is_flagged_and_not_followed(local_server):
    make("moved-away", f"{local_server}/moved-away")
    output = run("--timeout", "5")
    channel = Channel.objects.get(slug="moved-away")
    assert channel.last_check_status == 302
    assert channel.last_check_error == (
        "Redirects off the official domains, to https://interpol-int.invalid/ok"
    )
    assert "Checked 1 channel(s): 0 answered, 1 need a look." in output


def test_national_channels_are_checked_with_their_countrys_own_domains(local_server, settings):
    from directory.models import Country, CountryChannel

    settings.CONTACT_URL_ALLOWED_DOMAINS = ["interpol.int"]  # 127.0.0.1 only via the country
    country = Country.objects.create(
        code="NG", emergency_general="112", official_domains="127.0.0.1"
    )
    working = CountryChannel.objects.create(
        country=country, kind="police", name="P", url=f"{local_server}/ok"
    )
    gone = CountryChannel.objects.create(
        country=country, kind="fraud", name="F", url=f"{local_server}/gone"
    )
    phone_only = CountryChannel.objects.create(
        country=country, kind="consular", name="C", phone="1"
    )
    output = run("--country", "ng")
    assert "NG/police" in output and "NG/fraud" in output
    working.refresh_from_db()
    gone.refresh_from_db()
    phone_only.refresh_from_db()
    assert (working.last_check_status, working.last_check_error) == (200, "")
    assert gone.last_check_status == 404
    assert phone_only.last_checked_at is None  # nothing to request
