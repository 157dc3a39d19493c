"""Sending a referral from a case (or one of its goals or steps), reading it, moving it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.access.visibility import Action
from lotse.audit.log import record_read
from lotse.cases.models import Case
from lotse.cases.views.common import case_for_change
from lotse.core.forms import add_action_errors
from lotse.plans.models import Goal, Step
from lotse.referrals.actions import allowed_moves, do_move_referral, do_send_referral
from lotse.referrals.choices import ReferralStatus
from lotse.referrals.forms import MoveForm, ReferralForm
from lotse.referrals.views.common import referral_for, shown_rows


def _plan_row(request: HttpRequest, case: Case) -> tuple[Goal | None, Step | None]:
    """The goal or step the referral starts from, if the user may change it."""
    data = request.POST if request.method == "POST" else request.GET
    user: Any = request.user
    goal = step = None
    if (raw := data.get("step", "")).isdigit():
        step = Step.objects.visible_to(user, Action.CHANGE).filter(case=case, pk=raw).first()
    if (raw := data.get("goal", "")).isdigit():
        goal = Goal.objects.visible_to(user, Action.CHANGE).filter(case=case, pk=raw).first()
    return goal, step


def _lacks_release(error: ValidationError) -> bool:
    if hasattr(error, "error_dict"):
        items = [item for items in error.error_dict.values() for item in items]
    else:
        items = error.error_list
    return any(item.code == "no_release" for item in items)


@login_required
def create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    goal, step = _plan_row(request, case)
    form = ReferralForm(request.POST or None, case=case)
    missing_release = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            referral, created = do_send_referral(
                request.user,
                case,
                request=data["request"],
                categories=data["categories"],
                idempotency_key=data["token"],
                recipient=data["recipient"],
                service=data["service"],
                goal=goal,
                step=step,
                urgency=data["urgency"],
                due_on=data["due_on"],
            )
        except ValidationError as error:
            missing_release = _lacks_release(error)
            add_action_errors(form, error)
        else:
            if created:
                messages.success(
                    request,
                    _("Referral %(reference)s was sent to %(organisation)s.")
                    % {
                        "reference": referral.reference,
                        "organisation": referral.recipient_organisation.name,
                    },
                )
            else:
                messages.info(request, _("This referral had already been sent; it was sent once."))
            return redirect(reverse("cases:detail", args=[case.pk]) + "#referrals-heading")
    return render(
        request,
        "referrals/create.html",
        {
            "case": case,
            "form": form,
            "goal": goal,
            "step": step,
            "missing_release": missing_release,
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk)
    shown = shown_rows(request.user, [referral])[0]
    record_read(
        request.user,
        person_id=referral.person_id,
        case_id=referral.case_id,
        categories=shown.audited,
        object_type="referrals.referral",
        object_id=referral.pk,
    )
    moves = allowed_moves(request.user, referral)
    return render(
        request,
        "referrals/detail.html",
        {
            "shown": shown,
            "referral": referral,
            "moves": [(value, ReferralStatus(value).label) for value in moves],
            "release_state": referral.release_state(),
        },
    )


@login_required
@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_for(request, pk)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a new state."))
        return redirect("referrals:detail", pk=referral.pk)
    try:
        moved = do_move_referral(
            request.user,
            referral,
            form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Referral %(reference)s is now %(status)s.")
            % {"reference": moved.reference, "status": moved.get_status_display()},
        )
    return redirect("referrals:detail", pk=referral.pk)
