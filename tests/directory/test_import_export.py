"""The directory goes out and comes back through django-import-export unchanged."""

import pytest
import tablib
from django.urls import reverse

from directory.models import Country, CountryChannel
from directory.resources import CountryChannelResource, CountryResource
from tests.directory.sample import make_sample_directory

pytestmark = pytest.mark.django_db


def snapshot():
    countries = list(Country.objects.order_by("code").values(*CountryResource.Meta.fields))
    channels = list(
        CountryChannel.objects.order_by("country__code", "kind", "name").values(
            "country__code", *[f for f in CountryChannelResource.Meta.fields if f != "country"]
        )
    )
    return countries, channels


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_export_then_import_into_an_empty_directory_round_trips(file_format):
    make_sample_directory()
    before = snapshot()
    countries = CountryResource().export().export(file_format)
    channels = CountryChannelResource().export().export(file_format)
    Country.objects.all().delete()

    for resource, text in ((CountryResource(), countries), (CountryChannelResource(), channels)):
        dataset = tablib.Dataset().load(text, format=file_format)
        result = resource.import_data(dataset, dry_run=False, raise_errors=True)
        assert not result.has_validation_errors()
    assert snapshot() == before


def test_a_row_off_the_official_domains_is_a_row_error_and_nothing_is_saved():
    make_sample_directory()
    dataset = tablib.Dataset(headers=["country", "kind", "name", "url", "phone"])
    dataset.append(["GB", "fraud", "Good", "https://www.reportfraud.police.uk/x", ""])
    dataset.append(["GB", "fraud", "Look-alike", "https://reportfraud-police.uk.example.com", ""])
    result = CountryChannelResource().import_data(dataset, dry_run=True)
    assert result.has_validation_errors()
    errors = list(result.invalid_rows)
    assert len(errors) == 1
    assert "not on the list of official domains" in str(errors[0].error_dict)
    assert not CountryChannel.objects.filter(name__in=["Good", "Look-alike"]).exists()


def test_the_admin_import_shows_a_preview_before_saving(admin_client):
    make_sample_directory()
    upload = tablib.Dataset(headers=["country", "kind", "name", "url", "phone"])
    upload.append(["GB", "victim_support", "Victim Support", "", "08 08 16 89 111"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(
        reverse("admin:directory_countrychannel_import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("c.csv", upload.export("csv").encode()),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Victim Support" in page
    assert not CountryChannel.objects.filter(name="Victim Support").exists()  # only a preview
