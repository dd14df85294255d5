from django import template

from faq.forms import SearchForm

register = template.Library()


@register.inclusion_tag("includes/search_form.html")
def search_form(query: str = "") -> dict:
    """The search box, showing `query`: the same form on every page that has one."""
    return {"form": SearchForm(query=query)}
