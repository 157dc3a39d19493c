"""Scheduling a conference from the case, its page, its minutes and decisions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.access.visibility import Action, categories_for
from lotse.audit.log import record_reads
from lotse.cases.views.common import case_for_change
from lotse.conferences.actions import do_record_decision, do_record_minutes, do_schedule_conference
from lotse.conferences.attendees import do_add_attendee, do_record_attendance
from lotse.conferences.forms import (
    AttendanceForm,
    AttendeeForm,
    DecisionForm,
    MinutesForm,
    ScheduleForm,
    attendee_label,
)
from lotse.conferences.models import CaseConference, ConferenceAttendee
from lotse.conferences.views.common import conference_for
from lotse.core.categories import DataCategory
from lotse.core.forms import add_action_errors


def _conference_form(
    request: HttpRequest, conference: Any, form: Any, *, title: str, submit: str, status: int
) -> HttpResponse:
    """A form page about one conference (shown anew, or refused with its errors)."""
    return render(
        request,
        "conferences/form.html",
        {
            "case": conference.case,
            "conference": conference,
            "form": form,
            "title": title,
            "submit": submit,
        },
        status=status,
    )


@login_required
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    form = ScheduleForm(request.POST or None, case=case, user=request.user)
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
    cases = conference.all_cases()
    # The page shows minutes about every case's person: each trail records the read.
    record_reads(
        request.user,
        [(c.person_id, c.pk, (conference.data_category,)) for c in cases],
        object_type="conferences.caseconference",
    )
    return render(
        request,
        "conferences/detail.html",
        {
            "conference": conference,
            "case": conference.case,
            "cases": cases,
            "participants": conference.participants.select_related("organisation"),
            "agenda": conference.agenda.all(),
            "decisions": conference.decisions.select_related("organisation", "task", "case"),
            "can_change": can_change,
            **attendee_context(request.user, conference, can_change),
        },
    )


def attendee_context(
    user: Any,
    conference: CaseConference,
    can_change: bool,
    *,
    form: AttendeeForm | None = None,
    attendance_form: AttendanceForm | None = None,
) -> dict[str, Any]:
    attendees = list(
        conference.attendees.select_related("person", "organisation").order_by("role", "id")
    )
    begun = conference.starts_at <= timezone.now()
    context: dict[str, Any] = {
        "conference": conference,
        "attendees": [(a, _label_for(user, a)) for a in attendees],
        "can_change": can_change,
    }
    if can_change:
        context["attendee_form"] = form or AttendeeForm(
            conference=conference, auto_id="attendee-%s"
        )
        if begun and attendees:
            context["attendance_form"] = attendance_form or AttendanceForm(
                attendees=attendees, auto_id="attendance-%s"
            )
    return context


def _label_for(user: Any, attendee: ConferenceAttendee) -> str:
    """The person's name only to those whose release covers the identity: a
    participant released for another category sees "the person" (no name)."""
    if attendee.person_id is not None and DataCategory.IDENTITY.value not in categories_for(
        user, attendee.person_id
    ):
        return str(_("the person"))
    if attendee.person_id is not None:
        record_reads(user, [(attendee.person_id, None, {DataCategory.IDENTITY.value})])
    return attendee_label(attendee)


def _attendees_answer(
    request: HttpRequest,
    conference: CaseConference,
    *,
    saved: str = "",
    **forms: Any,
) -> HttpResponse:
    """The attendees section alone, for HTMX to swap in; a read of the names shown."""
    cases = conference.all_cases()
    record_reads(
        request.user,
        [(c.person_id, c.pk, (conference.data_category,)) for c in cases],
        object_type="conferences.conferenceattendee",
    )
    return render(
        request,
        "conferences/_attendees.html",
        {**attendee_context(request.user, conference, True, **forms), "saved": saved},
    )


@login_required
@require_POST
def attendee_add(request: HttpRequest, pk: int) -> HttpResponse:
    conference = conference_for(request, pk, Action.CHANGE)
    form = AttendeeForm(request.POST, conference=conference, auto_id="attendee-%s")
    if form.is_valid():
        try:
            attendee = do_add_attendee(request.user, conference, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if attendee.invited_at:
                saved = _("Participant added; the invitation is sent.")
            else:
                saved = _("Participant added; no invitation was sent.")
            if request.htmx:  # type: ignore[attr-defined]
                return _attendees_answer(request, conference, saved=saved)
            messages.success(request, saved)
            return redirect("conferences:detail", pk=conference.pk)
    if request.htmx:  # type: ignore[attr-defined]
        # htmx swaps only 2xx answers: the refusal shows in the swapped-in form.
        return _attendees_answer(request, conference, form=form)
    return _conference_form(
        request,
        conference,
        form,
        title=_("Add a participant"),
        submit=_("Add participant"),
        status=400,
    )


@login_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    conference = conference_for(request, pk, Action.CHANGE)
    attendees = list(conference.attendees.select_related("person", "organisation"))
    form = AttendanceForm(request.POST, attendees=attendees, auto_id="attendance-%s")
    if form.is_valid():
        try:
            do_record_attendance(request.user, conference, form.attendance())
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            if request.htmx:  # type: ignore[attr-defined]
                return _attendees_answer(request, conference, saved=_("Attendance saved."))
            messages.success(request, _("Attendance saved."))
            return redirect("conferences:detail", pk=conference.pk)
    if request.htmx:  # type: ignore[attr-defined]
        return _attendees_answer(request, conference, attendance_form=form)
    return _conference_form(
        request,
        conference,
        form,
        title=_("Record attendance"),
        submit=_("Save attendance"),
        status=400,
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
                expected_versions=form.expected_versions(),
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("conferences:detail", pk=conference.pk)
    status = 400 if request.method == "POST" else 200
    return _conference_form(
        request,
        conference,
        form,
        title=_("Minutes of the case conference"),
        submit=_("Save minutes"),
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
    return _conference_form(
        request,
        conference,
        form,
        title=_("Record a decision"),
        submit=_("Save decision"),
        status=status,
    )
