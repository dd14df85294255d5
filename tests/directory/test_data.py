"""The researched directory file (directory/data/countries.json) stays honest.

These run on the file itself, so a bad edit fails here before it reaches a
visitor: an address off the official domains, a fact without a dated source
that claims one, a member without an emergency number nobody flagged.
"""

import re
from collections import Counter
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django_countries import countries

from contact.validators import host_is_allowed
from directory.models import ChannelKind, Region
from directory.starter import read_data

DATA = read_data()
COUNTRIES = DATA["countries"]
# Labels that mark a government, police or national-agency domain.
OFFICIAL_LABEL = re.compile(
    r"(^|\.)(gov|gouv|gob|go|govt|gv|gub|gop|police|policia|policie|polizei|politie|politi|"
    r"policja|polisen|poliisi|polis|garda|mil|admin|gc|europa|int)(\.|$)"
)


def all_sources():
    for country in COUNTRIES:
        yield country["code"], country["emergency"].get("source")
        for channel in country["channels"]:
            yield country["code"], channel.get("source")


def test_every_code_is_a_real_country_and_listed_once():
    codes = [country["code"] for country in COUNTRIES]
    assert [code for code, n in Counter(codes).items() if n > 1] == []
    assert [code for code in codes if code not in countries] == []


def test_every_country_has_a_known_region():
    regions = {value for value, _label in Region.choices}
    assert [c["code"] for c in COUNTRIES if c["region"] not in regions] == []


def test_every_member_has_an_emergency_number_or_is_flagged_for_staff():
    missing = [
        c["code"]
        for c in COUNTRIES
        if not any(c["emergency"].get(k) for k in ("general", "police", "ambulance", "fire"))
    ]
    flagged = [c["code"] for c in COUNTRIES if c.get("emergency_unknown")]
    assert sorted(missing) == sorted(flagged)
    print(f"\n{len(COUNTRIES) - len(missing)} of {len(COUNTRIES)} countries have a number")


def test_numbers_are_digits_only():
    for country in COUNTRIES:
        for kind in ("general", "police", "ambulance", "fire"):
            number = country["emergency"].get(kind, "")
            assert re.fullmatch(r"[0-9 ]*", number), (country["code"], kind, number)


def test_every_source_names_a_page_and_a_day_no_later_than_today():
    for code, source in all_sources():
        if source is None:
            continue
        assert source["url"].startswith(("https://", "http://")), (code, source)
        assert date.fromisoformat(source["seen"]) <= date(2026, 11, 25), (code, source)


def test_every_channel_address_is_https_on_an_official_domain():
    for country in COUNTRIES:
        for channel in country["channels"]:
            assert channel["kind"] in ChannelKind.values, (country["code"], channel)
            assert channel["url"] or channel["phone"], (country["code"], channel)
            if not channel["url"]:
                continue
            parts = urlsplit(channel["url"])
            assert parts.scheme == "https", channel["url"]
            allowed = [*settings.CONTACT_URL_ALLOWED_DOMAINS, *country["domains"]]
            assert host_is_allowed(host=parts.hostname, allowed_domains=allowed), channel["url"]


def test_every_country_domain_looks_official_or_was_reviewed_by_a_person():
    reviewed = DATA["reviewed_domains"]
    for country in COUNTRIES:
        for domain in country["domains"]:
            assert OFFICIAL_LABEL.search(domain) or domain in reviewed, (country["code"], domain)
    # A review says why the domain is official.
    assert all(len(reason) > 20 for reason in reviewed.values())


def test_territories_map_to_a_member_in_the_file():
    members = {country["code"] for country in COUNTRIES}
    for territory in DATA["territories"]:
        assert territory["policed_by"] in members, territory
        assert territory["code"] not in members, territory


@pytest.mark.parametrize("region", Region.values)
def test_each_region_has_members(region):
    assert any(country["region"] == region for country in COUNTRIES)
