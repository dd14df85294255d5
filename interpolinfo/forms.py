"""Pieces every public form shares (forms themselves live in their app's forms.py)."""

from crispy_forms.bootstrap import StrictButton
from django.utils.html import escape


def submit_button(label: str, *, css_class: str, **attrs: str) -> StrictButton:
    """A `<button type="submit">` for a FormHelper's layout, named only when `attrs` says so.

    crispy's `Submit` is an `<input>` that always has a name, which would add
    "submit=…" to a GET form's address. `label` is translated text: crispy
    renders a button's content unescaped, so it is escaped here.
    """
    return StrictButton(escape(label), css_class=css_class, type="submit", **attrs)
