"""CSV and JSON import/export of the directory (django-import-export).

Rows are matched on natural keys (a country's ISO code; a channel's country,
kind and name), so a file exported here imports into any copy of the site.
Every row is validated like an admin save (`clean_model_instances`), so an
address off the official domains is a per-row error in the preview.
"""

from import_export import fields, resources
from import_export.widgets import CharWidget, ForeignKeyWidget

from directory.models import Country, CountryChannel


class CountryCodeWidget(CharWidget):
    """A django-countries value out as its ISO code ("GB"), in as the code upper-cased."""

    def clean(self, value, row=None, **kwargs):
        return (super().clean(value, row, **kwargs) or "").strip().upper()

    def render(self, value, obj=None, **kwargs):
        return getattr(value, "code", value) or ""


class CountryByCodeWidget(ForeignKeyWidget):
    """A channel's country, by ISO code."""

    def __init__(self) -> None:
        super().__init__(Country, "code")

    def clean(self, value, row=None, **kwargs):
        return super().clean((value or "").strip().upper() or None, row, **kwargs)

    def render(self, value, obj=None, **kwargs):
        return str(value.code) if value else ""


class CountryResource(resources.ModelResource):
    code = fields.Field(attribute="code", column_name="code", widget=CountryCodeWidget())

    class Meta:
        model = Country
        import_id_fields = ["code"]
        fields = [
            "code",
            "region",
            "emergency_general",
            "emergency_police",
            "emergency_ambulance",
            "emergency_fire",
            "source_url",
            "source_seen",
            "official_domains",
            "membership_source",
            "notes",
            "reviewer_notes",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False


class CountryChannelResource(resources.ModelResource):
    country = fields.Field(attribute="country", column_name="country", widget=CountryByCodeWidget())

    class Meta:
        model = CountryChannel
        import_id_fields = ["country", "kind", "name"]
        fields = [
            "country",
            "kind",
            "name",
            "url",
            "phone",
            "languages",
            "order",
            "source_url",
            "source_seen",
        ]
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False
