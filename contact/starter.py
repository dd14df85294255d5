"""Starter contact-route flow: filled in by the wizard work."""


def load_starter_flow() -> str:
    return "Contact flow: no starter flow defined yet."
