"""The official-domain allow-list, extended per country."""


def country_domains(text: str) -> list[str]:
    """Domains typed one per line (or comma-separated), cleaned."""
    return [
        domain.strip().lower().strip(".")
        for line in text.splitlines()
        for domain in line.split(",")
        if domain.strip()
    ]
