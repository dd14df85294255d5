"""Starter knowledge base: filled in by the knowledge-base work."""


def load_starter_knowledge_base() -> str:
    return "Knowledge base: no starter content defined yet."
