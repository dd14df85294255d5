from django import template
from django.utils.safestring import SafeString, mark_safe

from interpolinfo.site_facts import fill_facts

register = template.Library()


@register.filter
def with_facts(value: str, facts) -> str:
    """`{{ article.body_html|with_facts:site_facts }}`: fill in `{member_countries}`.

    Facts are numbers, so filling them into HTML that was already safe keeps it safe.
    """
    filled = fill_facts(str(value), facts=facts or {})
    return mark_safe(filled) if isinstance(value, SafeString) else filled  # noqa: S308
