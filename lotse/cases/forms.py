"""Forms of the case pages. They validate input only; the actions decide and write."""

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.choices import CASE_ROLES, Role
from lotse.accounts.models import User
from lotse.cases.choices import ClosingReason, Phase, Programme
from lotse.cases.models import Case
from lotse.core.forms import DateInput
from lotse.network.models import Organisation

SCOPE_MINE = "mine"
SCOPE_OWNED = "owned"
SCOPE_TAKING_PART = "taking_part"
SCOPE_ALL = "all"
SCOPE_CHOICES = [
    (SCOPE_MINE, _("Only my cases")),
    (SCOPE_OWNED, _("Cases of my organisation")),
    (SCOPE_TAKING_PART, _("Cases in which my organisation takes part")),
    (SCOPE_ALL, _("All cases I may see")),
]
PHASE_OPEN = "open"

_REFERENCE = re.compile(r"^(?:F-?)?0*(\d{1,12})$", re.IGNORECASE)


def default_scope(user: Any) -> str:
    # Case managers start from their own caseload, team leads from the team's;
    # office staff usually only take part in cases owned elsewhere.
    if user.has_role(Role.CASE_MANAGER):
        return SCOPE_MINE
    if user.has_role(Role.TEAM_LEAD):
        return SCOPE_OWNED
    return SCOPE_ALL


class CaseFilterForm(forms.Form):
    scope = forms.ChoiceField(label=_("Show"), choices=SCOPE_CHOICES, required=False)
    phase = forms.ChoiceField(
        label=_("Phase"),
        required=False,
        choices=[("", _("Any phase")), (PHASE_OPEN, _("All open phases")), *Phase.choices],
    )
    programme = forms.ChoiceField(
        label=_("Programme"),
        required=False,
        choices=[("", _("Any programme")), *Programme.choices],
    )
    reference = forms.CharField(
        label=_("Case reference"),
        required=False,
        max_length=20,
        help_text=_("For example F-0000123."),
    )

    def clean_reference(self) -> int | None:
        text = self.cleaned_data["reference"].strip()
        if not text:
            return None
        match = _REFERENCE.match(text)
        if match is None:
            raise forms.ValidationError(
                _("Enter a case reference like %(example)s."), params={"example": "F-0000123"}
            )
        return int(match.group(1))


def case_staff(organisation_ids: list[int]) -> QuerySet[User]:
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=organisation_ids,
            memberships__organisation__is_active=True,
            memberships__role__in=CASE_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display())


class OpenCaseForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    organisation = forms.ModelChoiceField(
        label=_("Owning organisation"), queryset=Organisation.objects.none()
    )
    opened_on = forms.DateField(label=_("Opened on"), widget=DateInput())
    managers = StaffChoiceField(
        label=_("Case managers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Case staff of the owning organisation."),
    )
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_ids = user.case_organisation_ids
        orgs = self.fields["organisation"]
        managers = self.fields["managers"]
        assert isinstance(orgs, forms.ModelChoiceField)
        assert isinstance(managers, forms.ModelMultipleChoiceField)
        orgs.queryset = Organisation.objects.filter(pk__in=org_ids, is_active=True)
        managers.queryset = case_staff(org_ids)
        if not self.is_bound:
            self.initial.setdefault("opened_on", timezone.localdate())
            self.initial.setdefault("managers", [user.pk])
            if len(org_ids) == 1:
                self.initial.setdefault("organisation", org_ids[0])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = data.get("organisation")
        managers = data.get("managers")
        if organisation is not None and managers:
            allowed = case_staff([organisation.pk]).filter(pk__in=[u.pk for u in managers])
            if allowed.count() != len(managers):
                self.add_error(
                    "managers",
                    _("Only case staff of the owning organisation can manage the case."),
                )
        return data


class VersionedForm(forms.Form):
    # The version the user saw; the action refuses the change if it moved on.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class PhaseForm(VersionedForm):
    phase = forms.ChoiceField(
        label=_("New phase"), choices=[c for c in Phase.choices if c[0] != Phase.CLOSED]
    )
    note = forms.CharField(
        label=_("Note on the phase change"),
        required=False,
        max_length=500,
        help_text=_("Why the case moves on, for example 'assessment completed'."),
    )


class CloseCaseForm(VersionedForm):
    reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "---------"), *ClosingReason.choices]
    )
    closed_on = forms.DateField(label=_("Closed on"), widget=DateInput())


class SummaryForm(VersionedForm):
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 12})
    )


class ParticipantForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        required=False,
        max_length=300,
        help_text=_("Why this organisation takes part, for example 'benefit application'."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Organisation.objects.filter(is_active=True)
            .exclude(pk=case.organisation_id)
            .exclude(case_participations__case=case)
        )


class StaffSingleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display())


class AssignManagerForm(forms.Form):
    user = StaffSingleChoiceField(label=_("Case manager"), queryset=User.objects.none())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = case_staff([case.organisation_id]).exclude(managed_cases=case)
