"""Form helpers shared by every app's forms and views."""

import html
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.functional import Promise
from django.utils.safestring import SafeData, mark_safe
from django.utils.timezone import template_localtime  # type: ignore[attr-defined]

# Named apart so that makemessages leaves Django's own message to Django's catalogue.
from django.utils.translation import gettext as djangos_message


class DateInput(forms.DateInput):
    """The browser's date picker; it always submits ISO dates."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    """The browser's time picker; it submits hours and minutes."""

    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


def add_action_errors(
    form: forms.BaseForm, error: ValidationError, renamed: dict[str, str] | None = None
) -> None:
    """Show an action's refusal on the form: field errors at their field, the rest on top.

    `renamed` maps an action's argument name to the form field that holds it.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    renamed = renamed or {}
    for name, messages in error.message_dict.items():
        field = renamed.get(name, name)
        target = field if field in form.fields and field != NON_FIELD_ERRORS else None
        form.add_error(target, messages)


_EMPTY_ERRORS = frozenset(
    {"django/forms/errors/list/default.html", "django/forms/errors/list/ul.html"}
)
_LABEL = "django/forms/label.html"


def _escape(text: Any) -> str:
    """conditional_escape() without its wrappers: a sixth of a form's rendering calls.

    Django's escape() is html.escape() of str(text); lazy text is made a string
    first, and safe text (with __html__) is taken as it is.
    """
    if type(text) is str:
        return html.escape(text)
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return str(text.__html__())
    return html.escape(str(text))


def _attributes(attrs: dict[str, Any] | None) -> str:
    # django/forms/attrs.html in Python: True renders the bare name, False nothing.
    parts = []
    for name, value in (attrs or {}).items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {_escape(name)}")
        else:
            # stringformat is an is_safe filter: a safe value stays unescaped.
            parts.append(f' {_escape(name)}="{_escape(str(value))}"')
    return "".join(parts)


_SELECT = "django/forms/widgets/select.html"
_OPTION = "django/forms/widgets/select_option.html"


def _text(value: Any) -> str:
    # What {{ value }} prints: localised, escaped unless already safe.
    if type(value) is str:  # neither localised nor converted
        return html.escape(value)
    return _escape(localize(template_localtime(value)))


def _select(widget: dict[str, Any]) -> str | None:
    """django/forms/widgets/select.html with its select_option.html, in Python."""
    out = [f'<select name="{_text(widget["name"])}"{_attributes(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            if option["template_name"] != _OPTION:
                return None  # another option template: leave it to the templates
            value = _escape(str(option["value"]))
            attrs = _attributes(option["attrs"])
            out.append(f'\n  <option value="{value}"{attrs}>{_text(option["label"])}</option>\n')
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


# Every one of these is `{% include "django/forms/widgets/input.html" %}`.
_INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in ("input", "text", "date", "time", "number", "hidden", "email", "url", "checkbox")
)
_TEXTAREA = "django/forms/widgets/textarea.html"


def _stringformat(value: Any) -> str:
    # {{ value|stringformat:'s' }}: an is_safe filter, so a safe value stays unescaped.
    if isinstance(value, SafeData):
        return str(value)  # a SafeString stays one
    return _escape("%s" % (str(value) if isinstance(value, tuple) else value))


def _input(widget: dict[str, Any]) -> str:
    """django/forms/widgets/input.html with its attrs.html, in Python."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_stringformat(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attributes(widget['attrs'])}>"
    )


def _textarea(widget: dict[str, Any]) -> str:
    """django/forms/widgets/textarea.html with its attrs.html, in Python."""
    value = _text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_text(widget["name"])}"{_attributes(widget["attrs"])}>\n{value}</textarea>'


_FIELD = "django/forms/field.html"


def _label_tag(field: Any) -> str:
    """field.label_tag() as it renders through this renderer, without the calls.

    Django's label_tag() formats the suffix with format_html() and renders the
    label template through the form; only for a plain BoundField of a form
    that keeps Django's label template and renders with this renderer.
    """
    form = field.form
    if (
        type(field) is not BoundField
        or form.template_name_label != _LABEL
        or not isinstance(form.renderer, FormRenderer)
    ):
        return _escape(field.label_tag())
    contents = field.label
    suffix = field.field.label_suffix
    if suffix is None:
        suffix = form.label_suffix
    label = _escape(contents)
    # Translators' punctuation that stops the suffix, as in label_tag().
    if suffix and contents and contents[-1] not in djangos_message(":?.!"):
        label += _escape(suffix)
    widget = field.field.widget
    id_ = widget.attrs.get("id") or field.auto_id
    if not id_:
        return label.strip()
    attrs = {}
    id_for_label = widget.id_for_label(id_)
    if id_for_label:
        attrs["for"] = id_for_label
    if field.field.required and hasattr(form, "required_css_class"):
        attrs["class"] = form.required_css_class
    return f"<label{_attributes(attrs)}>{label}</label>".strip()


def _field_group(field: Any) -> str:
    """django/forms/field.html in Python, newlines and all (the renderer strips)."""
    out = []
    if field.use_fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{_text(described)}"' if described else ""
        legend = _escape(field.legend_tag()) if field.label else ""
        out.append(f"\n  <fieldset{described}>\n  {legend}\n")
    else:
        out.append(f"\n  {_label_tag(field) if field.label else ''}\n")
    out.append("\n")
    if field.help_text:
        auto_id = field.auto_id
        ident = f' id="{_text(auto_id)}_helptext"' if auto_id else ""
        out.append(f'<div class="helptext"{ident}>{mark_safe(field.help_text)}</div>')  # noqa: S308
    out.append(f"\n{_escape(field.errors)}\n{_escape(field)}")
    out.append("</fieldset>\n" if field.use_fieldset else "\n")
    return "".join(out)


class FormRenderer(DjangoTemplates):
    """Django's form renderer with its commonest templates done in Python, same output.

    Every field of every form renders its (almost always empty) error list and
    its label through templates inside the field group's own template, and a
    select two nested templates per option:
    form rendering was a sixth of a case page's CPU with its five forms and a
    hundred options. The field group, the empty error list, the label and a
    select with its options, the input widgets and the text area (each with its
    attribute template) are built in Python; the templates stay in use for everything else
    (other widgets, errors that are there, whole forms, other option templates).
    """

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in _EMPTY_ERRORS and not context.get("errors"):
            return ""
        if template_name == _LABEL:
            label = _escape(context["label"])
            if not context["use_tag"]:
                return label.strip()
            tag = _escape(context["tag"])
            attrs = _attributes(context.get("attrs"))
            return f"<{tag}{attrs}>{label}</{tag}>".strip()
        if template_name == _FIELD and set(context) == {"field"}:
            return _field_group(context["field"]).strip()
        if template_name == _SELECT:
            rendered = _select(context["widget"])
            if rendered is not None:
                return rendered
        if template_name in _INPUTS and set(context) == {"widget"}:
            return _input(context["widget"])
        if template_name == _TEXTAREA and set(context) == {"widget"}:
            return _textarea(context["widget"])
        return super().render(template_name, context, request)
