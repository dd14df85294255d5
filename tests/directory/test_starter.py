import pytest

from directory.models import Country, CountryChannel, Territory
from directory.starter import load_starter_directory, read_data

pytestmark = pytest.mark.django_db


def test_the_whole_file_loads_and_every_record_passes_validation():
    data = read_data()
    report = load_starter_directory()
    assert Country.objects.count() == len(data["countries"])
    assert CountryChannel.objects.count() == sum(len(c["channels"]) for c in data["countries"])
    assert Territory.objects.count() == len(data["territories"])
    assert f"created {len(data['countries'])} countries" in report
    for channel in CountryChannel.objects.select_related("country"):
        channel.full_clean()


def test_loading_again_never_overwrites_or_restores_staff_edits():
    load_starter_directory()
    Country.objects.filter(code="GB").update(notes="Edited by staff")
    CountryChannel.objects.filter(country__code="GB").delete()
    report = load_starter_directory()
    assert "created 0 countries, 0 channels" in report
    assert Country.objects.get(code="GB").notes == "Edited by staff"
    assert not CountryChannel.objects.filter(country__code="GB").exists()


def test_a_deleted_country_comes_back_with_its_channels():
    load_starter_directory()
    expected = CountryChannel.objects.filter(country__code="GB").count()
    Country.objects.filter(code="GB").delete()
    assert "created 1 countries" in load_starter_directory()
    assert CountryChannel.objects.filter(country__code="GB").count() == expected
