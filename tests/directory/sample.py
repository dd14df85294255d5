"""A small directory for view tests, independent of the researched data file."""

from datetime import date

from directory.models import Country, CountryChannel, Region, Territory

SEEN = date(2026, 11, 25)


def make_sample_directory() -> dict[str, Country]:
    australia = Country.objects.create(
        code="AU",
        region=Region.ASIA_SOUTH_PACIFIC,
        emergency_general="000",
        source_url="https://www.triplezero.gov.au/",
        source_seen=SEEN,
    )
    CountryChannel.objects.bulk_create(
        [
            CountryChannel(
                country=australia,
                kind="fraud",
                name="Scamwatch",
                url="https://www.scamwatch.gov.au",
                source_url="https://www.scamwatch.gov.au",
                source_seen=SEEN,
            ),
            CountryChannel(
                country=australia,
                kind="cyber",
                name="ReportCyber",
                url="https://www.cyber.gov.au/report-and-recover/report",
            ),
            CountryChannel(
                country=australia, kind="police", name="Police Assistance Line", phone="131 444"
            ),
            CountryChannel(
                country=australia,
                kind="consular",
                name="Smartraveller consular help",
                phone="+61 2 6261 3305",
            ),
        ]
    )
    britain = Country.objects.create(
        code="GB",
        region=Region.EUROPE,
        emergency_general="999",
        emergency_ambulance="999",
        notes="112 also works.",
    )
    CountryChannel.objects.create(
        country=britain,
        kind="fraud",
        name="Report Fraud",
        url="https://www.reportfraud.police.uk",
        source_url="https://www.reportfraud.police.uk",
        source_seen=SEEN,
    )
    Territory.objects.create(code="GI", policed_by=britain)
    nigeria = Country.objects.create(
        code="NG", region=Region.AFRICA, emergency_general="112", emergency_police="199"
    )
    CountryChannel.objects.create(
        country=nigeria, kind="police", name="Nigeria Police Force", url="https://npf.gov.ng"
    )
    nigeria.official_domains = "npf.gov.ng"
    nigeria.save()
    return {"AU": australia, "GB": britain, "NG": nigeria}
