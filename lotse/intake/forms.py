"""Forms of the intake and the assessment. They check input only; the actions decide."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.forms import ConsentRecordForm
from lotse.cases.choices import Programme
from lotse.cases.models import Case, LifeArea
from lotse.core.forms import DateInput
from lotse.intake.choices import ArrivalRoute, IntakeDecision, Priority
from lotse.network.models import Organisation


class IntakeSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Given or family name, or any known spelling; at least 2 letters."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=DateInput(),
        help_text=_("Optional; narrows the list. Unknown and 1 January dates still match."),
    )

    def clean_birth_date(self) -> datetime.date | None:
        day: datetime.date | None = self.cleaned_data.get("birth_date")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(_("A date of birth cannot be in the future."))
        return day


class LifeAreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class IntakeForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the intake conversation"), widget=DateInput())
    came_via = forms.ChoiceField(
        label=_("How the person came"), choices=ArrivalRoute.choices, widget=forms.RadioSelect
    )
    came_via_detail = forms.CharField(
        label=_("Sent or brought by"),
        required=False,
        max_length=200,
        help_text=_("For example the office or the volunteer initiative."),
    )
    first_needs = forms.CharField(label=_("First needs"), widget=forms.Textarea(attrs={"rows": 4}))
    life_areas = LifeAreaChoiceField(
        label=_("Life areas with needs"),
        queryset=LifeArea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Complex needs: three or more life areas."),
    )
    providers = forms.ModelMultipleChoiceField(
        label=_("Providers already involved"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_providers = forms.CharField(
        label=_("Other providers involved"),
        required=False,
        max_length=300,
        help_text=_("Services that are not in Lotse, for example a doctor or a school."),
    )
    other_provider_count = forms.IntegerField(
        label=_("Number of other providers"), min_value=0, max_value=50, initial=0
    )
    pathways_failed = forms.BooleanField(
        label=_("Standard pathways have not helped"), required=False
    )
    agrees_to_case_management = forms.BooleanField(
        label=_("The person agrees to case management"), required=False
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=IntakeDecision.choices, widget=forms.RadioSelect
    )
    decision_reason = forms.CharField(
        label=_("Reason for the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the decision departs from the indication."),
    )
    referred_to = forms.CharField(
        label=_("Referred to"),
        required=False,
        max_length=300,
        help_text=_("Required for 'referral only'."),
    )
    programme = forms.ChoiceField(
        label=_("Programme of the case"),
        required=False,
        choices=[("", "---------"), *Programme.choices],
        help_text=_("Required for 'case management': the case is opened with the intake."),
    )
    record_consent = forms.BooleanField(
        label=_("Record a release from confidentiality now"), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_ids = list(user.case_organisation_ids)
        areas: Any = self.fields["life_areas"]
        areas.queryset = LifeArea.objects.filter(active=True)
        providers: Any = self.fields["providers"]
        providers.queryset = (
            Organisation.objects.filter(is_active=True).exclude(pk__in=org_ids).order_by("name")
        )
        if len(org_ids) > 1:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("Recording organisation"),
                queryset=Organisation.objects.filter(pk__in=org_ids, is_active=True),
            )
            self.order_fields(["organisation"])
        self.single_organisation_id = org_ids[0] if len(org_ids) == 1 else None
        if not self.is_bound:
            self.initial.setdefault("held_on", timezone.localdate())

    def organisation(self) -> Organisation:
        if "organisation" in self.cleaned_data:
            chosen: Organisation = self.cleaned_data["organisation"]
            return chosen
        assert self.single_organisation_id is not None  # the form offers a choice otherwise
        return Organisation.objects.get(pk=self.single_organisation_id)

    def intake_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        names = [
            "held_on",
            "came_via",
            "came_via_detail",
            "first_needs",
            "life_areas",
            "providers",
            "other_providers",
            "other_provider_count",
            "pathways_failed",
            "agrees_to_case_management",
            "decision",
            "decision_reason",
            "referred_to",
            "programme",
        ]
        return {name: data[name] for name in names}


def intake_consent_form(data: Any, files: Any, *, user: Any) -> ConsentRecordForm:
    """The access app's consent form, as part of the intake: the case is the one being opened."""
    form = ConsentRecordForm(
        data,
        files,
        prefix="consent",
        cases=Case.objects.none(),
        own_organisation_ids=list(user.case_organisation_ids),
    )
    del form.fields["case"]
    return form


def consent_arguments(form: ConsentRecordForm) -> dict[str, Any]:
    data = form.cleaned_data
    names = [
        "text",
        "purpose",
        "recipients",
        "categories",
        "special_categories_named",
        "consequences_explained",
        "form",
        "witness",
        "language",
        "interpreter",
        "given_on",
        "valid_until",
        "document",
    ]
    return {name: data[name] for name in names}


class AssessmentForm(forms.Form):
    life_area = forms.ModelChoiceField(
        label=_("Life area"), queryset=LifeArea.objects.filter(active=True), to_field_name="code"
    )
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateInput())
    situation = forms.CharField(
        label=_("Situation"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    resources = forms.CharField(
        label=_("Resources"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the person and their surroundings bring: skills, family, contacts."),
    )
    needs = forms.CharField(
        label=_("Needs"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    priority = forms.ChoiceField(
        label=_("Priority"), choices=Priority.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    # The id of the current entry the user saw; empty for a first assessment.
    based_on = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("assessed_on", timezone.localdate())
        field: Any = self.fields["life_area"]
        field.label_from_instance = lambda area: str(area.label)
