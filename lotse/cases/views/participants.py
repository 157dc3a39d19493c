"""Other organisations taking part in a case. What they then see depends on consent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotse.cases.actions import do_add_participant, do_remove_participant
from lotse.cases.forms import ParticipantForm
from lotse.cases.models import CaseParticipant
from lotse.cases.views.common import case_for_change
from lotse.core.forms import add_action_errors


@login_required
def add_participant(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    form = ParticipantForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            do_add_participant(
                request.user, case, organisation, purpose=form.cleaned_data["purpose"]
            )
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(
                request,
                _("%(organisation)s now takes part in this case.")
                % {"organisation": organisation.name},
            )
            return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "cases/form.html",
        {
            "case": case,
            "form": form,
            "title": _("Add a participating organisation to %(reference)s")
            % {"reference": case.reference},
            "intro": _(
                "A participating organisation sees the case frame and only the data "
                "categories that a consent of the person releases to it."
            ),
            "submit": _("Add organisation"),
        },
    )


@login_required
@require_POST
def remove_participant(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    case = case_for_change(request, pk)
    participant = get_object_or_404(
        CaseParticipant.objects.select_related("organisation", "case"),
        pk=participant_pk,
        case=case,
    )
    do_remove_participant(request.user, participant)
    messages.success(
        request,
        _("%(organisation)s no longer takes part in this case.")
        % {"organisation": participant.organisation.name},
    )
    return redirect("cases:detail", pk=case.pk)
