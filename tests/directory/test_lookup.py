import pytest

from directory.lookup import InvalidCountry, Status, channels_for, lookup_country, normalise_code
from directory.models import CountryChannel
from tests.directory.sample import make_sample_directory


def channel(kind: str, order: int = 0) -> CountryChannel:
    return CountryChannel(kind=kind, name=kind, order=order, phone="1")


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["fraud", "cyber", "scam_text"], ["fraud", "cyber"]),
        (["police", "consular"], ["police", "consular"]),
        (["police"], ["police"]),
        ([], []),
    ],
)
def test_a_result_gets_only_the_kinds_it_asks_for_in_its_order(kinds, expected):
    channels = [channel("consular"), channel("cyber"), channel("police"), channel("fraud")]
    assert [c.kind for c in channels_for(channels, kinds)] == expected


def test_without_any_scam_channel_the_police_take_the_report():
    channels = [channel("police"), channel("consular")]
    assert [c.kind for c in channels_for(channels, ["fraud", "cyber"])] == ["police"]


def test_no_fallback_when_the_result_asks_for_nothing():
    assert channels_for([channel("police")], []) == []


@pytest.mark.parametrize("raw", ["gb", " GB ", "Gb"])
def test_codes_are_normalised(raw):
    assert normalise_code(raw) == "GB"


@pytest.mark.parametrize("raw", ["XX", "GBR", "<b>", "12", "United Kingdom"])
def test_anything_but_a_country_code_is_refused(raw):
    with pytest.raises(InvalidCountry):
        normalise_code(raw)


@pytest.mark.django_db
def test_lookup_tells_members_territories_and_unlisted_places_apart(django_assert_num_queries):
    make_sample_directory()
    assert lookup_country("", kinds=["police"]) is None
    with django_assert_num_queries(2):
        member = lookup_country("ng", kinds=["fraud"])
    assert member.status == Status.MEMBER
    assert member.emergency_number == "112"
    assert [c.name for c in member.channels] == ["Nigeria Police Force"]
    territory = lookup_country("GI", kinds=["fraud"])
    assert territory.status == Status.TERRITORY
    assert territory.country.code == "GB"
    assert territory.emergency_number == ""  # never the UK's 999
    assert lookup_country("JP", kinds=["police"]).status == Status.UNLISTED
