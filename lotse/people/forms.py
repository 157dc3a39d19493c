"""Forms for finding, registering and editing persons.

Forms only check input; every change goes through the actions in
lotse.people.actions, whose ValidationErrors are mapped back onto the form
with `add_action_errors`.
"""

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput
from lotse.network.models import Organisation
from lotse.people.choices import DatePrecision, LanguageLevel, SpellingKind
from lotse.people.models import Person
from lotse.people.models.details import alpha3, language_code


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("Given or family name, or any known spelling; at least 2 letters."),
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "spellcheck": "false",
                # Results follow the typing; without JavaScript the form submits normally.
                "hx-get": reverse_lazy("people:search"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": "#search-results",
                "hx-push-url": "true",
            }
        ),
    )


class PersonForm(forms.ModelForm):
    """The identity fields of a person, for registration and editing."""

    class Meta:
        model = Person
        fields = [
            "given_names",
            "family_name",
            "birth_date",
            "birth_date_precision",
            "birth_date_placeholder",
            "sex",
            "birth_place",
        ]
        widgets = {"birth_date": DateInput()}
        help_texts = {
            "birth_date_precision": _("How much of the date of birth is actually known."),
            "birth_date_placeholder": _(
                "Tick when a record states 1 January only because the day is unknown."
            ),
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        birth_date: datetime.date | None = data.get("birth_date")
        precision = data.get("birth_date_precision")
        if birth_date is None:
            if data.get("birth_date_placeholder"):
                self.add_error(
                    "birth_date_placeholder",
                    _("A placeholder needs a date: 1 January of the year of birth."),
                )
            elif precision:
                data["birth_date_precision"] = DatePrecision.UNKNOWN
            return data
        if birth_date > timezone.localdate():
            self.add_error("birth_date", _("A date of birth cannot be in the future."))
        if precision == DatePrecision.UNKNOWN:
            self.add_error(
                "birth_date_precision",
                _("Choose how precise the date is, or leave the date empty."),
            )
        if data.get("birth_date_placeholder"):
            if (birth_date.month, birth_date.day) != (1, 1):
                self.add_error(
                    "birth_date_placeholder",
                    _("A placeholder date of birth is 1 January of the year."),
                )
            else:
                # Only the year is known; the stored day must not count as evidence.
                data["birth_date_precision"] = DatePrecision.YEAR
        return data

    def person_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PersonCreateForm(PersonForm):
    nationalities = forms.CharField(
        label=_("Nationalities"),
        required=False,
        max_length=200,
        help_text=_("ISO 3166-1 alpha-3 codes separated by commas, e.g. SYR, AFG."),
    )
    confirm_new = forms.BooleanField(
        label=_("None of these is the person I am registering"),
        required=False,
    )

    class Meta(PersonForm.Meta):
        pass

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_ids = user.case_organisation_ids
        if len(org_ids) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Registering organisation"),
                queryset=Organisation.objects.filter(pk__in=org_ids),
            )
            self.order_fields(["organisation"])
        self.single_organisation_id = org_ids[0] if len(org_ids) == 1 else None

    def clean_nationalities(self) -> list[str]:
        codes: list[str] = []
        wrong: list[str] = []
        for raw in self.cleaned_data.get("nationalities", "").split(","):
            code = raw.strip().upper()
            if not code:
                continue
            try:
                alpha3(code)
            except ValidationError:
                wrong.append(raw.strip())
                continue
            if code not in codes:
                codes.append(code)
        if wrong:
            raise ValidationError(
                _("Not an ISO 3166-1 alpha-3 code: %(codes)s"),
                params={"codes": ", ".join(wrong)},
            )
        return codes

    def registering_organisation(self) -> Organisation:
        if "organisation" in self.cleaned_data:
            org: Organisation = self.cleaned_data["organisation"]
            return org
        assert self.single_organisation_id is not None  # the form offers a choice otherwise
        return Organisation.objects.get(pk=self.single_organisation_id)


class SpellingForm(forms.Form):
    given_names = forms.CharField(label=_("Given names"), required=False, max_length=200)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of spelling"),
        required=False,
        choices=[("", "---------"), *SpellingKind.choices],
    )
    script = forms.CharField(
        label=_("Script"),
        required=False,
        max_length=4,
        help_text=_("ISO 15924 code, e.g. Arab, Cyrl."),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        has_name = bool(data.get("given_names") or data.get("family_name"))
        if data.get("kind") and not has_name:
            self.add_error("family_name", _("Enter the given or the family name."))
        if has_name and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of spelling."))
        return data

    def spelling(self) -> dict[str, str] | None:
        data = self.cleaned_data
        if not (data.get("given_names") or data.get("family_name")):
            return None
        return {k: data.get(k, "") for k in ("given_names", "family_name", "kind", "script")}


class LanguageForm(forms.Form):
    language = forms.CharField(
        label=_("Language"),
        required=False,
        max_length=3,
        validators=[language_code],
        help_text=_("ISO 639 code, e.g. ar, prs, uk."),
    )
    level = forms.ChoiceField(
        label=_("Level"), required=False, choices=[("", "---------"), *LanguageLevel.choices]
    )
    interpreter_needed = forms.BooleanField(label=_("Interpreter needed"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("language") and not data.get("level"):
            self.add_error("level", _("Choose the level."))
        if data.get("level") and not data.get("language"):
            self.add_error("language", _("Enter the language."))
        return data


class BaseLanguageFormSet(forms.BaseFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        seen: set[str] = set()
        for form in self.forms:
            code = form.cleaned_data.get("language")
            if not code:
                continue
            if code in seen:
                form.add_error("language", _("This language is listed twice."))
            seen.add(code)

    def skills(self) -> list[dict[str, Any]]:
        return [
            {
                "language": form.cleaned_data["language"],
                "level": form.cleaned_data["level"],
                "interpreter_needed": form.cleaned_data.get("interpreter_needed", False),
            }
            for form in self.forms
            if form.cleaned_data.get("language")
        ]


SpellingFormSet = forms.formset_factory(
    SpellingForm, extra=3, max_num=3, absolute_max=3, validate_max=True
)
LanguageFormSet = forms.formset_factory(
    LanguageForm,
    formset=BaseLanguageFormSet,
    extra=2,
    max_num=6,
    absolute_max=6,
    validate_max=True,
)
