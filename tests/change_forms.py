"""The POST data an admin change page sends when submitted as it is shown."""

from django import forms


def _add(data: dict, form) -> None:
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(widget, forms.MultiWidget):
            parts = widget.decompress(value)
            for suffix, part in zip(widget.widgets_names, parts, strict=True):
                text = part.strftime("%H:%M:%S") if hasattr(part, "hour") else part
                data[f"{bound.html_name}{suffix}"] = "" if text is None else str(text)
        elif isinstance(value, list | tuple):
            data[bound.html_name] = [str(item) for item in value]
        elif value is not None:
            data[bound.html_name] = str(value)


def posted_form(response) -> dict:
    """Every field of the page's form and inlines with the value it shows."""
    data: dict = {}
    _add(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        _add(data, inline.formset.management_form)
        for form in inline.formset.forms:
            _add(data, form)
    return data
