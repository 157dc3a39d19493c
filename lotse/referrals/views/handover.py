"""Handing a case over: the owner asks, the receiving organisation answers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.access.visibility import Action
from lotse.cases.views.common import case_for_change
from lotse.core.forms import add_action_errors
from lotse.referrals.forms import HandoverAnswerForm, HandoverForm
from lotse.referrals.handover import (
    do_answer_handover,
    do_cancel_handover,
    do_request_handover,
)
from lotse.referrals.models import CaseHandover


@login_required
def request_handover(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    form = HandoverForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            do_request_handover(
                request.user,
                case,
                form.cleaned_data["to_organisation"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("The hand-over was requested; the case moves when %(organisation)s accepts.")
                % {"organisation": form.cleaned_data["to_organisation"].name},
            )
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Hand case %(reference)s over") % {"reference": case.reference},
            "intro": _(
                "The receiving organisation becomes the owner when it accepts. Your "
                "organisation then keeps only what a release of the person grants it."
            ),
            "submit": _("Request hand-over"),
        },
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    handover = get_object_or_404(
        CaseHandover.objects.filter(to_organisation_id__in=user.case_organisation_ids),
        pk=pk,
    )
    form = HandoverAnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to take the case over."))
        return redirect("referrals:inbox")
    try:
        done = do_answer_handover(
            user, handover, accept=form.cleaned_data["accept"], reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("referrals:inbox")
    if form.cleaned_data["accept"]:
        messages.success(request, _("You took the case over."))
        return redirect("cases:detail", pk=done.case_id)
    messages.success(request, _("You declined the hand-over."))
    return redirect("referrals:inbox")


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner withdraws a hand-over request that is still waiting for an answer."""
    handover = get_object_or_404(
        CaseHandover.objects.visible_to(request.user, Action.CHANGE).select_related("case"), pk=pk
    )
    try:
        do_cancel_handover(request.user, handover)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The hand-over request was cancelled; the case stays yours."))
    return redirect("cases:detail", pk=handover.case_id)
