"""Submitting admin forms as a browser would: read the rendered form, change fields, post."""

from django import forms
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper


def _add_form(data: dict, form) -> None:
    for name, field in form.fields.items():
        bound = form[name]
        widget = field.widget
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget = widget.widget
        value = bound.value()
        if isinstance(field, forms.FileField):
            continue
        if isinstance(widget, forms.CheckboxInput):
            if widget.check_test(value):
                data[bound.html_name] = "on"
            continue
        if isinstance(widget, forms.MultiWidget):
            parts = value if isinstance(value, list | tuple) else widget.decompress(value)
            for index, (part, subwidget) in enumerate(zip(parts, widget.widgets, strict=True)):
                formatted = subwidget.format_value(part)
                data[f"{bound.html_name}_{index}"] = formatted or ""
            continue
        formatted = widget.format_value(value)
        if isinstance(formatted, list) and getattr(widget, "allow_multiple_selected", False):
            data[bound.html_name] = formatted
            continue
        if isinstance(formatted, list):
            formatted = formatted[0] if formatted else ""
        data[bound.html_name] = "" if formatted is None else str(formatted)


def form_data(response, **changes) -> dict:
    """The POST data of the admin change form in `response`, with `changes` applied."""
    assert response.status_code == 200, response.status_code
    data: dict = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    data.update(changes)
    return data


def errors_on(response) -> str:
    """Every error of a re-displayed admin form, as one string."""
    assert response.status_code == 200, f"expected the form again, got {response.status_code}"
    form = response.context["adminform"].form
    text = [form.errors.as_text()]
    for inline in response.context["inline_admin_formsets"]:
        text.append(" ".join(str(error) for error in inline.formset.non_form_errors()))
    return " ".join(text)


def saved(client, url: str, **changes):
    """Save the admin change form at `url` with `changes`, as an editor would; the redirect."""
    response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302, errors_on(response)
    return response
