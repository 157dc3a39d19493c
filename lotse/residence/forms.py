"""Forms of the residence pages. They validate input only; the actions decide and write."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput
from lotse.residence.models import (
    BenefitPeriod,
    Child,
    Conviction,
    EmploymentSpell,
    LanguageCertificate,
    ResidenceFacts,
    StatusPeriod,
)
from lotse.residence.models.base import check_plausible


class VersionedForm(forms.ModelForm):
    """Carries the version the user started from, for the stale-save check."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["version"].initial = self.instance.version


class StatusPeriodForm(VersionedForm):
    class Meta:
        model = StatusPeriod
        fields = [
            "kind",
            "paragraph",
            "valid_from",
            "valid_until",
            "issuing_office",
            "document_number",
            "residence_obligation",
            "work_permission",
        ]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}


class LanguageCertificateForm(forms.ModelForm):
    class Meta:
        model = LanguageCertificate
        fields = ["level", "oral_only", "issued_on", "issuer"]
        widgets = {"issued_on": DateInput()}


class EmploymentSpellForm(forms.ModelForm):
    class Meta:
        model = EmploymentSpell
        fields = ["valid_from", "valid_until", "hours_per_week", "social_insurance", "employer"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}


class BenefitPeriodForm(forms.ModelForm):
    class Meta:
        model = BenefitPeriod
        fields = ["benefit", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}


class ConvictionForm(forms.ModelForm):
    class Meta:
        model = Conviction
        fields = [
            "convicted_on",
            "daily_rates",
            "prison_months",
            "juvenile_sanction_only",
            "foreigner_specific_offence",
        ]
        widgets = {"convicted_on": DateInput()}


class ChildForm(forms.ModelForm):
    class Meta:
        model = Child
        fields = ["given_name", "birth_date", "attends_school"]
        widgets = {
            "birth_date": DateInput(),
            "attends_school": forms.NullBooleanSelect(),
        }


FACT_FLAGS = [
    "identity_deception",
    "fdgo_commitment",
    "civic_knowledge",
    "naturalisation_test_passed",
    "living_with_minor_child",
    "integration_course_obliged",
    "integration_course_completed",
    "livelihood_secured",
    "german_qualification",
]


COMPLETE_FLAGS = [
    "certificates_complete",
    "employment_complete",
    "benefits_complete",
    "convictions_complete",
    "children_complete",
]


class ResidenceFactsForm(VersionedForm):
    class Meta:
        model = ResidenceFacts
        fields = [
            "entry_date",
            "identity_clarified_on",
            *FACT_FLAGS,
            "schooling_years_in_germany",
            *COMPLETE_FLAGS,
        ]
        widgets = {
            "entry_date": DateInput(),
            "identity_clarified_on": DateInput(),
            # Three states: a fact not known is not a "no".
            **{name: forms.NullBooleanSelect() for name in FACT_FLAGS},
        }

    def facts_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("Evaluate as of"), required=False, widget=DateInput())

    def clean_as_of(self) -> Any:
        value = self.cleaned_data["as_of"]
        if value is not None:
            try:
                check_plausible(as_of=value)
            except ValidationError as error:
                raise forms.ValidationError(error.message_dict["as_of"]) from None
        return value


class DeadlineFilterForm(forms.Form):
    lead_days = forms.IntegerField(
        label=_("Look ahead (days)"), min_value=1, max_value=730, required=False
    )
    mine = forms.BooleanField(label=_("Only persons in my cases"), required=False)


@dataclass(frozen=True)
class RowKind:
    """One kind of residence row as the pages and the API address it."""

    slug: str
    model: type[models.Model]
    form_class: type[forms.ModelForm]
    label: str | Promise


ROW_KINDS: dict[str, RowKind] = {
    kind.slug: kind
    for kind in (
        RowKind("status", StatusPeriod, StatusPeriodForm, _("status period")),
        RowKind(
            "certificate", LanguageCertificate, LanguageCertificateForm, _("language certificate")
        ),
        RowKind("employment", EmploymentSpell, EmploymentSpellForm, _("employment")),
        RowKind("benefit", BenefitPeriod, BenefitPeriodForm, _("benefit period")),
        RowKind("conviction", Conviction, ConvictionForm, _("conviction")),
        RowKind("child", Child, ChildForm, _("child")),
    )
}


class TargetGroupForm(forms.Form):
    group = forms.ChoiceField(label=_("Target group"))
    organisation: Any = forms.ModelChoiceField(
        label=_("Office"), queryset=None, required=False, empty_label=_("All offices")
    )
    manager: Any = forms.ModelChoiceField(
        label=_("Case manager"), queryset=None, required=False, empty_label=_("All case managers")
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        from lotse.accounts.models import User
        from lotse.cases.models import Case
        from lotse.network.models import Organisation
        from lotse.residence.groups import GROUPS

        super().__init__(*args, **kwargs)
        group: Any = self.fields["group"]
        group.choices = list(GROUPS.items())
        cases = Case.objects.visible_to(user)
        organisation: Any = self.fields["organisation"]
        organisation.queryset = Organisation.objects.filter(
            pk__in=cases.values("organisation_id")
        ).order_by("name")
        manager: Any = self.fields["manager"]
        manager.queryset = User.objects.filter(pk__in=cases.values("managers")).order_by(
            "last_name", "first_name", "username"
        )
