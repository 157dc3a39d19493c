"""Forms of the plan pages. They validate input only; the actions decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.cases.forms import CloseCaseForm, VersionedForm
from lotse.cases.models import LifeArea
from lotse.core.forms import DateInput
from lotse.network.models import Organisation
from lotse.plans.choices import AgreementForm, Attainment, ResponsibleKind, StepStatus
from lotse.plans.models import Goal


class LifeAreaField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class GoalForm(VersionedForm):
    life_area = LifeAreaField(label=_("Life area"), queryset=LifeArea.objects.none())
    title = forms.CharField(
        label=_("Goal"),
        max_length=300,
        help_text=_("What the person wants to reach, in their words."),
    )
    success_measure = forms.CharField(
        label=_("Measure of success"),
        max_length=500,
        help_text=_("How you both will know it is reached, for example 'B1 certificate'."),
    )
    target_date = forms.DateField(label=_("Target date"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["life_area"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = LifeArea.objects.filter(active=True)


class StepForm(VersionedForm):
    description = forms.CharField(label=_("Step"), max_length=500)
    responsible_kind = forms.ChoiceField(
        label=_("Responsible"),
        choices=[("", "---------"), *ResponsibleKind.choices],
        error_messages={"required": _("Name who is responsible for this step.")},
    )
    responsible_organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
        help_text=_("When another organisation is responsible."),
    )
    responsible_name = forms.CharField(
        label=_("Responsible service or contact"),
        max_length=200,
        required=False,
        help_text=_("The named service, or a contact person."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)


class AgreementRecordForm(VersionedForm):
    agreed_on = forms.DateField(
        label=_("Date the person agreed"), widget=DateInput(), required=False
    )
    agreement_form = forms.ChoiceField(
        label=_("How the person agreed"),
        choices=[("", "---------"), *AgreementForm.choices],
        required=False,
    )


class ReviewForm(VersionedForm):
    attainment = forms.ChoiceField(
        label=_("Attainment"),
        choices=Attainment.choices,
        widget=forms.RadioSelect,
        help_text=_("'Partly achieved' keeps the goal open; the others settle it."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("reviewed_on", timezone.localdate())


class CloseWithGoalsForm(CloseCaseForm):
    """Closing a case: the reason, and for each open goal its attainment and why."""

    def __init__(self, *args: Any, goals: list[Goal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.goals = goals
        for goal in goals:
            self.fields[f"goal_{goal.pk}_attainment"] = forms.ChoiceField(
                label=_("Attainment of „%(goal)s“") % {"goal": goal.title},
                choices=[("", "---------"), *Attainment.choices],
            )
            self.fields[f"goal_{goal.pk}_reason"] = forms.CharField(
                label=_("Reason for „%(goal)s“") % {"goal": goal.title},
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def goal_rows(self) -> list[tuple[Goal, forms.BoundField, forms.BoundField]]:
        return [
            (goal, self[f"goal_{goal.pk}_attainment"], self[f"goal_{goal.pk}_reason"])
            for goal in self.goals
        ]

    def attainments(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            goal.pk: (data[f"goal_{goal.pk}_attainment"], data[f"goal_{goal.pk}_reason"])
            for goal in self.goals
        }
