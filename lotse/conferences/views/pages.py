"""Scheduling a conference from the case, its page, its minutes and decisions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lotse.access.visibility import Action
from lotse.audit.log import record_read
from lotse.cases.views.common import case_for_change
from lotse.conferences.actions import do_record_decision, do_record_minutes, do_schedule_conference
from lotse.conferences.forms import DecisionForm, MinutesForm, ScheduleForm
from lotse.conferences.views.common import conference_for
from lotse.core.forms import add_action_errors


@login_required
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    form = ScheduleForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            conference = do_schedule_conference(request.user, case, **form.action_fields())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("The conference is scheduled and the invitations sent."))
            return redirect("conferences:detail", pk=conference.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "conferences/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Schedule a case conference for case %(reference)s")
            % {"reference": case.reference},
            "submit": _("Schedule and invite"),
        },
        status=status,
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = conference_for(request, pk)
    can_change = (
        type(conference).objects.visible_to(request.user, Action.CHANGE).filter(pk=pk).exists()
    )
    record_read(
        request.user,
        person_id=conference.case.person_id,
        case_id=conference.case_id,
        categories=[conference.data_category],
        object_type="conferences.caseconference",
        object_id=conference.pk,
    )
    return render(
        request,
        "conferences/detail.html",
        {
            "conference": conference,
            "case": conference.case,
            "participants": conference.participants.select_related("organisation"),
            "agenda": conference.agenda.all(),
            "decisions": conference.decisions.select_related("organisation", "task"),
            "can_change": can_change,
        },
    )


@login_required
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    conference = conference_for(request, pk, Action.CHANGE)
    form = MinutesForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            do_record_minutes(
                request.user,
                conference,
                minutes=form.minutes(),
                next_review_on=form.cleaned_data["next_review_on"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("conferences:detail", pk=conference.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "conferences/form.html",
        {
            "case": conference.case,
            "conference": conference,
            "form": form,
            "title": _("Minutes of the case conference"),
            "submit": _("Save minutes"),
        },
        status=status,
    )


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    conference = conference_for(request, pk, Action.CHANGE)
    form = DecisionForm(request.POST or None, conference=conference)
    if request.method == "POST" and form.is_valid():
        try:
            do_record_decision(request.user, conference, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request, _("Decision saved; it is now a follow-up of the responsible organisation.")
            )
            return redirect("conferences:detail", pk=conference.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "conferences/form.html",
        {
            "case": conference.case,
            "conference": conference,
            "form": form,
            "title": _("Record a decision"),
            "submit": _("Save decision"),
        },
        status=status,
    )
