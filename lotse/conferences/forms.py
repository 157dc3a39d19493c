from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import Case
from lotse.conferences.models import AgendaItem, CaseConference
from lotse.contacts.models.contact import language_code
from lotse.core.categories import DataCategory
from lotse.core.forms import DateInput
from lotse.network.models import Organisation


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def invitable(case: Case) -> Any:
    """Organisations that may be invited: those taking part in the case. Whether the
    release covers them is the action's check, so a refusal can name them."""
    return (
        Organisation.objects.filter(case_participations__case=case, is_active=True)
        .distinct()
        .order_by("name")
    )


class ScheduleForm(forms.Form):
    title = forms.CharField(
        label=_("Occasion"),
        max_length=200,
        help_text=_("Shown only inside Lotse, never in the invitation e-mail."),
    )
    data_category = forms.ChoiceField(
        label=_("Data discussed"),
        choices=DataCategory.choices,
        help_text=_("Every invited organisation must hold a release for this kind of data."),
    )
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=480, initial=60
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_link = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")
    organisations = forms.ModelMultipleChoiceField(
        label=_("Invited organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The organisations taking part in the case."),
    )
    person_attends = forms.BooleanField(
        label=_("The person takes part"), required=False, initial=True
    )
    interpreter_language = forms.CharField(
        label=_("Interpreter for language"),
        max_length=3,
        required=False,
        validators=[language_code],
        help_text=_("ISO code such as ar, prs or uk; empty when no interpreter is needed."),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One agenda item per line."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = invitable(case)  # type: ignore[attr-defined]

    def clean_interpreter_language(self) -> str:
        return str(self.cleaned_data.get("interpreter_language") or "").strip().lower()

    def action_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["organisations"] = list(data["organisations"])
        data["agenda"] = str(data["agenda"]).splitlines()
        return data


class MinutesForm(forms.Form):
    next_review_on = forms.DateField(label=_("Next review on"), required=False, widget=DateInput())

    def __init__(self, *args: Any, conference: CaseConference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items: list[AgendaItem] = list(conference.agenda.all())
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=_("Minutes on %(item)s") % {"item": item.title},
                required=False,
                max_length=10000,
                initial=item.minutes,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["next_review_on"].initial = conference.next_review_on
        # The review date after the minutes, as the form reads top to bottom.
        self.order_fields([*(f"item_{i.pk}" for i in self.items), "next_review_on"])

    def minutes(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), max_length=200)
    organisation = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none()
    )
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    agenda_item = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False
    )

    def __init__(self, *args: Any, conference: CaseConference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            conference_participations__conference=conference
        ).order_by("name")
        self.fields["agenda_item"].queryset = conference.agenda.all()  # type: ignore[attr-defined]
