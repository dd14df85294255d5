from django import template

register = template.Library()


@register.filter
def official_only(sources) -> list:
    return [source for source in sources if source.is_official]


@register.filter
def other_only(sources) -> list:
    """Sources on no official domain, which a Publisher allowed (faq.Source.clean)."""
    return [source for source in sources if not source.is_official]
