"""Forms of the follow-up pages. They validate input; the actions decide and write."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.choices import CASE_ROLES
from lotse.accounts.models import Membership, User
from lotse.cases.models import Case, CaseManagerAssignment
from lotse.core.forms import DateInput, TimeInput
from lotse.core.shapes import Shape
from lotse.deadlines.choices import TaskStatus
from lotse.deadlines.models import Task
from lotse.network.models import Team
from lotse.plans.choices import PENDING_STEP_STATUSES
from lotse.plans.models import Goal, Step


def _assignees(case_id: int, organisation_id: int, user_id: int) -> Any:
    # Subqueries, not lists: one query on every case page. Each is small (this
    # case's managers, the organisation's case staff) and hashed once; joining
    # the case-manager table instead brought in every case of every colleague
    # and a DISTINCT over them (59 ms at 1M persons).
    my_teams = Membership.objects.filter(user_id=user_id, team__isnull=False).values("team_id")
    staff = Membership.objects.filter(organisation_id=organisation_id, role__in=CASE_ROLES)
    managers = CaseManagerAssignment.objects.filter(case_id=case_id).values("user_id")
    # Only what the choices show: a large organisation has dozens of teams and
    # team mates, and a whole row each cost the case page more than the query
    # (a model instance each too: some 40 Python calls a person).
    return (
        User.objects.filter(
            (Q(pk__in=managers) | Q(pk=user_id)) & Q(pk__in=staff.values("user_id"))
            | Q(pk__in=staff.filter(team_id__in=my_teams).values("user_id")),
            is_active=True,
        )
        .order_by("last_name", "first_name", "username")
        .values_list("pk", "first_name", "last_name", "username")
    )


def _teams(organisation_id: int) -> Any:
    return (
        Team.objects.filter(organisation_id=organisation_id)
        .order_by("name")
        .values_list("pk", "name")
    )


# Built and compiled once: building them was 4,000 of a case page's Python calls.
_ASSIGNEES = Shape(User, _assignees, "case_id", "organisation_id", "user_id")
_TEAMS = Shape(Team, _teams, "organisation_id")


def assignee_choices(case: Case, user: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """People and teams who can take a task of this case.

    Not the whole organisation (a large one has a thousand staff): the case's
    managers, the acting user, the user's team mates, and the organisation's teams.
    """
    people = _ASSIGNEES.rows(case_id=case.pk, organisation_id=case.organisation_id, user_id=user.pk)
    teams = _TEAMS.rows(organisation_id=case.organisation_id)
    return [
        (
            str(_("People")),
            [(f"user:{pk}", User.display_of(*names)) for pk, *names in people],
        ),
        (str(_("Teams")), [(f"team:{pk}", name) for pk, name in teams]),
    ]


def _link_value(task: Task) -> str:
    if task.step_id:
        return f"step:{task.step_id}"
    return f"goal:{task.goal_id}" if task.goal_id else ""


def link_choices(case: Case, user: Any, goals: list[Goal] | None = None) -> list[Any]:
    """The case's open goals, each followed by its pending steps.

    `goals`: the case's goals visible to the user with all their steps, when
    the page has read them already (the case page's plan panel).
    """
    if goals is None:
        pending = Step.objects.filter(status__in=PENDING_STEP_STATUSES).order_by("position", "id")
        goals = list(
            Goal.objects.visible_to(user, case=case)
            .filter(attainment="")
            .prefetch_related(Prefetch("steps", queryset=pending))
            .order_by("position", "id")
        )
    else:
        goals = sorted((g for g in goals if g.attainment == ""), key=lambda g: (g.position, g.pk))
    choices: list[Any] = [("", _("None"))]
    for goal in goals:
        steps = [s for s in goal.steps.all() if s.status in PENDING_STEP_STATUSES]
        choices.append((f"goal:{goal.pk}", goal.title))
        choices += [
            (f"step:{s.pk}", f"– {s.description}")
            for s in sorted(steps, key=lambda s: (s.position, s.pk))
        ]
    return choices


class TaskForm(forms.Form):
    title = forms.CharField(label=_("What to do"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DateInput())
    appointment_time = forms.TimeField(
        label=_("Appointment at"),
        widget=TimeInput(),
        required=False,
        help_text=_(
            "Only for an appointment with the person; it then shows at this time in the calendar."
        ),
    )
    remind_on = forms.DateField(
        label=_("Remind on"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty to be reminded on the due date."),
    )
    assign_to = forms.ChoiceField(label=_("Assigned to"))
    link = forms.ChoiceField(label=_("For goal or step"), required=False)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        case: Case,
        user: Any,
        task: Task | None = None,
        goals: list[Goal] | None = None,
        **kwargs: Any,
    ):
        if task is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": task.title,
                "due_on": task.due_on,
                "appointment_time": task.appointment_time,
                "remind_on": task.remind_on,
                "note": task.note,
                "assign_to": f"user:{task.assignee_id}"
                if task.assignee_id
                else f"team:{task.team_id}",
                "link": _link_value(task),
                "version": task.version,
            }
        kwargs.setdefault("initial", {"assign_to": f"user:{user.pk}"})
        super().__init__(*args, **kwargs)
        choices = assignee_choices(case, user)
        if task is not None:
            current = kwargs["initial"]["assign_to"]
            known = {value for _group, options in choices for value, _label in options}
            if current not in known:
                holder = task.assignee.display() if task.assignee else str(task.team.name)  # type: ignore[union-attr]
                choices[0][1].insert(0, (current, holder))
        self.fields["assign_to"].choices = choices  # type: ignore[attr-defined]
        self.fields["link"].choices = link_choices(case, user, goals)  # type: ignore[attr-defined]
        self.fields["title"].widget.attrs["autocomplete"] = "off"

    def clean_due_on(self) -> datetime.date:
        due_on: datetime.date = self.cleaned_data["due_on"]
        if due_on.year > timezone.localdate().year + 20:
            raise forms.ValidationError(_("Give a due date within the next twenty years."))
        return due_on

    def assignment(self) -> dict[str, Any]:
        kind, _sep, pk = self.cleaned_data["assign_to"].partition(":")
        if kind == "user":
            return {"assignee": User.objects.get(pk=int(pk)), "team": None}
        return {"assignee": None, "team": Team.objects.get(pk=int(pk))}

    def linked(self) -> dict[str, Any]:
        kind, _sep, pk = (self.cleaned_data.get("link") or "").partition(":")
        if kind == "step":
            step = Step.objects.select_related("goal").get(pk=int(pk))
            return {"goal": step.goal, "step": step}
        if kind == "goal":
            return {"goal": Goal.objects.get(pk=int(pk)), "step": None}
        return {"goal": None, "step": None}

    def action_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **self.linked(),
            "title": data["title"],
            "due_on": data["due_on"],
            "appointment_time": data.get("appointment_time"),
            "remind_on": data.get("remind_on") or data["due_on"],
            "note": data.get("note", ""),
            **self.assignment(),
        }


class CompleteForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(TaskStatus.DONE, _("Done")), (TaskStatus.CANCELLED, _("Cancelled"))]
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReassignForm(forms.Form):
    from_user = forms.ModelChoiceField(queryset=User.objects.none(), widget=forms.HiddenInput)
    to_user = forms.ModelChoiceField(label=_("New case manager"), queryset=User.objects.none())

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_user"].queryset = members  # type: ignore[attr-defined]
        self.fields["to_user"].queryset = members  # type: ignore[attr-defined]
        self.fields["to_user"].label_from_instance = lambda u: u.display()  # type: ignore[attr-defined]
