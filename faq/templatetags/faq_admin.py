from django import template

from faq.review import overdue_count

register = template.Library()


@register.simple_tag
def needs_review_count() -> int:
    return overdue_count()
