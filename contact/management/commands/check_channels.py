"""Check that every official address still answers, and record the result on the channel.

Both INTERPOL's channels (contact.Channel) and every country's national
channels with an address (directory.CountryChannel) are checked; a country's
own official domains count as allow-listed for its channels.

A HEAD request per address (GET when a server refuses HEAD), with a timeout.
Whatever happens (timeouts, refused connections, bad certificates, odd
addresses), the command records it and goes on: it never stops half-way.
It does not replace a person's check: it only flags addresses to look at.
"""

import http.client
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from contact.models import Channel
from contact.validators import validate_official_url
from directory.models import CountryChannel

USER_AGENT = "interpolinfo-link-check/1.0 (+independent guide; checks that official links work)"
# Servers that refuse HEAD answer one of these; a GET then tells the truth.
HEAD_REFUSED = {403, 405, 501}


class OffListRedirect(Exception):
    def __init__(self, code: int, url: str):
        super().__init__(url)
        self.code = code
        self.url = url


class OfficialRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another allow-listed address.

    An official page that now sends visitors to another domain needs a person's
    look, and the look-alike it points to is never requested.
    """

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        extra_domains = getattr(req, "extra_domains", ())
        try:
            validate_official_url(newurl, extra_domains=extra_domains)
        except ValidationError:
            fp.close()
            raise OffListRedirect(code, newurl) from None
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.extra_domains = extra_domains
        return new


_opener = urllib.request.build_opener(OfficialRedirectHandler)


def check_url(
    url: str, *, timeout: float, extra_domains: tuple[str, ...] = ()
) -> tuple[int | None, str]:
    """Return (HTTP status or None, error text or "") for one address."""
    try:
        validate_official_url(url, extra_domains=extra_domains)
    except ValidationError as error:
        return None, _("Not checked: %(reason)s") % {"reason": " ".join(error.messages)}
    status, problem = _request(url, method="HEAD", timeout=timeout, extra_domains=extra_domains)
    if status in HEAD_REFUSED:
        status, problem = _request(url, method="GET", timeout=timeout, extra_domains=extra_domains)
    return status, problem


def _request(
    url: str, *, method: str, timeout: float, extra_domains: tuple[str, ...]
) -> tuple[int | None, str]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310 (validated http(s) address)
    request.extra_domains = extra_domains
    try:
        with _opener.open(request, timeout=timeout) as response:
            return response.status, ""
    except OffListRedirect as redirect:
        return redirect.code, _("Redirects off the official domains, to %(url)s") % {
            "url": redirect.url[:200]
        }
    except urllib.error.HTTPError as error:
        return error.code, ""
    except urllib.error.URLError as error:
        return None, str(error.reason)[:300]
    except TimeoutError:
        return None, _("No answer within %(seconds)s seconds.") % {"seconds": timeout}
    except (OSError, ValueError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}"[:300]


class Command(BaseCommand):
    help = _("Send a HEAD request to every channel's official address and record the answer.")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help=_("Seconds to wait for each address (default: CONTACT_CHECK_TIMEOUT)."),
        )
        parser.add_argument(
            "--channel", action="append", default=[], help=_("Check only this channel key.")
        )
        parser.add_argument(
            "--country",
            action="append",
            default=[],
            help=_("Check only this country's channels (ISO code); repeatable."),
        )

    def handle(self, *args, **options) -> None:
        timeout = options["timeout"] or settings.CONTACT_CHECK_TIMEOUT
        self.working = self.failing = 0
        only_countries = [code.upper() for code in options["country"]]
        if not only_countries:
            channels = Channel.objects.order_by("slug")
            if options["channel"]:
                channels = channels.filter(slug__in=options["channel"])
            for channel in channels:
                self.check(Channel, channel, label=channel.slug, timeout=timeout)
        if not options["channel"]:
            national = (
                CountryChannel.objects.exclude(url="")
                .select_related("country")
                .order_by("country__code", "kind", "pk")
            )
            if only_countries:
                national = national.filter(country__code__in=only_countries)
            for channel in national:
                label = f"{channel.country.code}/{channel.kind}: {channel.url}"
                extra = tuple(channel.country.domains)
                self.check(CountryChannel, channel, label=label, timeout=timeout, extra=extra)
        self.stdout.write(
            _("Checked %(total)d channel(s): %(ok)d answered, %(bad)d need a look.")
            % {"total": self.working + self.failing, "ok": self.working, "bad": self.failing}
        )

    def check(self, model, channel, *, label: str, timeout: float, extra=()) -> None:
        status, problem = check_url(channel.url, timeout=timeout, extra_domains=extra)
        model.objects.filter(pk=channel.pk).update(
            last_checked_at=timezone.now(), last_check_status=status, last_check_error=problem
        )
        ok = status is not None and 200 <= status < 400 and not problem
        self.working += ok
        self.failing += not ok
        line = f"{label}: {status or '-'} {problem}".rstrip()
        self.stdout.write(self.style.SUCCESS(line) if ok else self.style.WARNING(line))
