from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import Action
from lotse.cases.models import Case
from lotse.conferences.choices import Attendance, AttendeeRole
from lotse.conferences.models import AgendaItem, CaseConference, ConferenceAttendee
from lotse.contacts.models.contact import language_code
from lotse.core.categories import DataCategory
from lotse.core.forms import DateInput
from lotse.network.models import Organisation
from lotse.people.models import HouseholdMembership, Person


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M")


def household_cases(user: Any, case: Case) -> Any:
    """Open cases of the person's current household members that the user may
    change: what a family's conference can concern beside this case."""
    today = timezone.localdate()
    current = HouseholdMembership.objects.filter(Q(until__isnull=True) | Q(until__gte=today))
    households = current.filter(person_id=case.person_id).values("household_id")
    members = current.filter(household_id__in=households).values("person_id")
    return (
        Case.objects.visible_to(user, Action.CHANGE)
        .open()
        .filter(person_id__in=members, organisation_id=case.organisation_id)
        .exclude(pk=case.pk)
        .select_related("person")
        .order_by("person__family_name", "person__given_names", "pk")
    )


class CaseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.display_name} ({obj.reference})"


class OneCaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.display_name} ({obj.reference})"


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
    further_cases = CaseChoiceField(
        label=_("Further cases of the household"),
        queryset=Case.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "A family's conference: every invited organisation needs a release of each "
            "of these persons too."
        ),
    )

    def __init__(self, *args: Any, case: Case, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = invitable(case)  # type: ignore[attr-defined]
        further = household_cases(user, case) if user is not None else Case.objects.none()
        if further.exists():
            self.fields["further_cases"].queryset = further  # type: ignore[attr-defined]
        else:
            del self.fields["further_cases"]

    def clean_interpreter_language(self) -> str:
        return str(self.cleaned_data.get("interpreter_language") or "").strip().lower()

    def action_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["organisations"] = list(data["organisations"])
        data["agenda"] = str(data["agenda"]).splitlines()
        data["further_cases"] = list(data.get("further_cases") or [])
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
            # The version the writer read: a save in between is refused, not overwritten.
            self.fields[f"version_{item.pk}"] = forms.IntegerField(
                required=False, min_value=1, initial=item.version, widget=forms.HiddenInput
            )
        self.fields["next_review_on"].initial = conference.next_review_on
        # The review date after the minutes, as the form reads top to bottom.
        self.order_fields([*(f"item_{i.pk}" for i in self.items), "next_review_on"])

    def minutes(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data[f"item_{item.pk}"] for item in self.items}

    def expected_versions(self) -> dict[int, int]:
        versions = {item.pk: self.cleaned_data.get(f"version_{item.pk}") for item in self.items}
        return {pk: version for pk, version in versions.items() if version is not None}


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
        cases = conference.all_cases()
        if len(cases) > 1:
            # A family's conference: the task goes into the case the decision concerns.
            self.fields["case"] = OneCaseChoiceField(
                label=_("Case of"),
                queryset=Case.objects.filter(pk__in=[c.pk for c in cases]).select_related("person"),
                initial=conference.case_id,
                help_text=_("The decision becomes a task in this case."),
            )


class AttendeeForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Role"), choices=AttendeeRole.choices, widget=forms.RadioSelect
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Only when the person themself takes part."),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Of the interpreter or the staff member."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Only for a staff member: one of the participating organisations."),
    )
    language = forms.CharField(
        label=_("Language"),
        max_length=3,
        required=False,
        help_text=_("Only for an interpreter: ISO code such as ar, prs or uk."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        help_text=_(
            "Without an address no invitation is sent. The invitation names neither "
            "the person nor the occasion."
        ),
    )

    def __init__(self, *args: Any, conference: CaseConference, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            pk__in=[c.person_id for c in conference.all_cases()]
        )
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            conference_participations__conference=conference
        ).order_by("name")


class AttendanceForm(forms.Form):
    def __init__(self, *args: Any, attendees: list[ConferenceAttendee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.attendees = attendees
        for attendee in attendees:
            self.fields[f"attendance_{attendee.pk}"] = forms.ChoiceField(
                label=_("Attendance of %(who)s") % {"who": attendee_label(attendee)},
                choices=Attendance.choices,
                initial=attendee.attendance,
            )

    def attendance(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data[f"attendance_{a.pk}"] for a in self.attendees}


def attendee_label(attendee: ConferenceAttendee) -> str:
    if attendee.role == AttendeeRole.PERSON and attendee.person is not None:
        return attendee.person.display_name
    if attendee.organisation is not None:
        return f"{attendee.name} ({attendee.organisation.name})"
    return attendee.name
