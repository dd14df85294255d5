"""Checks on official addresses that need no database, only settings."""

from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def host_is_allowed(*, host: str, allowed_domains: Iterable[str]) -> bool:
    """True when `host` is one of `allowed_domains` or a subdomain of one.

    "www.interpol.int" matches "interpol.int"; "interpol.int.example.com" and
    "interpol-int.com" do not.
    """
    host = host.lower().rstrip(".")
    if not host:
        return False
    for domain in allowed_domains:
        domain = domain.lower().strip().strip(".")
        if domain and (host == domain or host.endswith("." + domain)):
            return True
    return False


def validate_official_url(value: str, *, extra_domains: Sequence[str] = ()) -> None:
    """Reject anything but an https address on the allow-listed domains.

    `extra_domains` extends the site-wide list for one check (a country's own
    government and police domains, directory.Country.official_domains).

    Plain http would let anyone on a visitor's network change the page they are
    sent to, so it is refused even where the body offers both.
    """
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError as error:
        raise ValidationError(_("Enter a valid web address."), code="invalid") from error
    if parts.scheme not in settings.CONTACT_URL_SCHEMES:
        raise ValidationError(_("Official addresses must start with https://."), code="scheme")
    if parts.username or parts.password:
        raise ValidationError(
            _("Official addresses must not contain a user name."), code="userinfo"
        )
    allowed = [*settings.CONTACT_URL_ALLOWED_DOMAINS, *extra_domains]
    if not host_is_allowed(host=host, allowed_domains=allowed):
        raise ValidationError(
            _(
                "“%(host)s” is not on the list of official domains. Check the address for a "
                "typing mistake or a look-alike; a new official domain is added in the "
                "settings (CONTACT_URL_EXTRA_DOMAINS) or, for one country, in its official domains."
            ),
            code="domain",
            params={"host": host or value},
        )
