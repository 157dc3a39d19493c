"""The form renderer gives byte for byte what Django's own renderer gives."""

import datetime

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from lotse.core.forms import DateInput, FormRenderer


class FancySelect(forms.Select):
    option_template_name = "django/forms/widgets/radio_option.html"


class Everything(forms.Form):
    required_css_class = "required"
    name = forms.CharField(label="Name <b>", help_text="Your <i>name</i>", max_length=20)
    question = forms.CharField(label="Really?", required=False)
    born = forms.DateField(label="Born", widget=DateInput(), required=False)
    kind = forms.ChoiceField(
        label="Kind",
        choices=[("", "None"), ("Group", [("a", "A & B"), ("b", "B")])],
        required=False,
    )
    channel = forms.ChoiceField(
        label="Channel", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect
    )
    flags = forms.MultipleChoiceField(
        label="", choices=[("1", "one")], widget=forms.CheckboxSelectMultiple, required=False
    )
    agree = forms.BooleanField(label="Agree", required=False)
    many = forms.MultipleChoiceField(
        label="Many",
        choices=[(1, 1000), (2, mark_safe("<b>two</b>")), ("x&y", "X & Y")],
        required=False,
    )
    fancy = forms.ChoiceField(
        label="Fancy", choices=[("a", "A")], widget=FancySelect(attrs={"data-x": "1"})
    )
    number = forms.TypedChoiceField(
        label="Number", choices=[(1, "one"), (2, "two")], coerce=int, required=False
    )
    note = forms.CharField(
        label=mark_safe("Note <abbr>!</abbr>"),
        widget=forms.Textarea(attrs={"rows": 2, "data-x": mark_safe("<q>"), "hidden": True}),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    mail = forms.EmailField(label="Mail", required=False)
    site = forms.CharField(
        label="Site", required=False, widget=forms.URLInput(attrs={"off": False})
    )
    count = forms.IntegerField(label="Count", required=False)
    at = forms.TimeField(label="At", required=False, widget=forms.TimeInput(format="%H:%M"))

    def clean(self) -> dict:
        raise forms.ValidationError("Something & more is wrong.")


def _forms() -> list[forms.Form]:
    return [
        Everything(),
        Everything(auto_id=False),
        Everything(initial={"name": "Ada", "kind": "a", "channel": "y", "many": [1, "x&y"]}),
        Everything({"name": "x" * 30, "born": "no date", "channel": "z"}),
        Everything({"name": "Ada", "channel": "x", "number": "2"}, label_suffix=" ->"),
        # Values in the input widgets and the text area: escaped, or kept when safe.
        Everything(
            initial={
                "name": 'A "<b>" & c',
                "question": mark_safe("<i>safe</i>"),
                "note": "\nline <1> & 'two'",
                "agree": True,
                "version": 3,
                "mail": "a&b@example.org",
                "site": "https://example.org/?a=1&b=2",
                "count": 1000,
                "at": datetime.time(9, 5),
            }
        ),
    ]


@pytest.mark.parametrize("index", range(6))
@pytest.mark.parametrize("method", ["render", "as_p", "as_table", "as_ul", "as_div"])
def test_it_renders_forms_as_django_does(index, method):
    ours, django = _forms()[index], _forms()[index]
    ours.renderer, django.renderer = FormRenderer(), DjangoTemplates()
    ours.is_bound and ours.is_valid()
    django.is_bound and django.is_valid()
    assert getattr(ours, method)() == getattr(django, method)()
    for name in ours.fields:
        assert str(ours[name].errors) == str(django[name].errors)
        assert ours[name].label_tag() == django[name].label_tag()

        # label_tag adds to the attrs it is given: a fresh dict for each call.
        def odd() -> dict:
            return {"data-y": mark_safe("<q>"), "hidden": True, "off": False, "class": "c"}

        assert ours[name].label_tag(attrs=odd()) == django[name].label_tag(attrs=odd())
        assert ours[name].legend_tag(attrs={"class": "x"}) == django[name].legend_tag(
            attrs={"class": "x"}
        )


def test_it_is_the_renderer_in_use():
    assert settings.FORM_RENDERER == "lotse.core.forms.FormRenderer"
    assert "<ul" not in str(Everything()["name"].errors)


class Suffixed(forms.Form):
    label_suffix = " →"
    plain = forms.CharField(label="Plain")
    own = forms.CharField(label="Own", label_suffix="!")
    none = forms.CharField(label="None", label_suffix="")
    given = forms.CharField(label="Given", widget=forms.TextInput(attrs={"id": "given-id"}))


@pytest.mark.parametrize("language", ["de", "en"])
def test_it_renders_the_case_pages_forms_as_django_does(caritas, alice, language):
    from django.utils import translation

    from lotse.cases.forms import PhaseForm
    from lotse.deadlines.forms import TaskForm
    from lotse.testing import factories as f

    case = f.case(caritas, managers=(alice,), actor=alice)
    with translation.override(language):
        for make in (
            lambda: TaskForm(case=case, user=alice),
            lambda: TaskForm({"title": ""}, case=case, user=alice),
            lambda: PhaseForm(initial={"phase": case.phase, "version": 1}),
            lambda: Suffixed(),
            lambda: Suffixed(auto_id=False),
        ):
            ours, django = make(), make()
            ours.renderer, django.renderer = FormRenderer(), DjangoTemplates()
            ours.is_bound and ours.is_valid()
            django.is_bound and django.is_valid()
            assert ours.render() == django.render()
            for name in ours.fields:
                assert ours[name].as_field_group() == django[name].as_field_group()
