"""The intake record: how the person came, first needs, indication, decision, consent."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lotse.access.visibility import Action
from lotse.audit.log import record_read
from lotse.cases.models import LifeArea
from lotse.core.categories import DataCategory
from lotse.core.forms import add_action_errors
from lotse.intake.actions import CONSENT_PREFIX, do_record_intake, validate_intake
from lotse.intake.choices import IntakeDecision
from lotse.intake.forms import IntakeForm, consent_arguments, intake_consent_form
from lotse.intake.models import IntakeRecord
from lotse.network.models import Organisation
from lotse.people.models import Person


def _split_errors(error: ValidationError) -> tuple[ValidationError, ValidationError | None]:
    """The release's refusals belong to the consent fields, the rest to the intake form."""
    if not hasattr(error, "error_dict"):
        return error, None
    own = {k: v for k, v in error.error_dict.items() if not k.startswith(CONSENT_PREFIX)}
    consent = {
        k.removeprefix(CONSENT_PREFIX): v
        for k, v in error.error_dict.items()
        if k.startswith(CONSENT_PREFIX)
    }
    return ValidationError(own), (ValidationError(consent) if consent else None)


@login_required
def record(request: HttpRequest, person_pk: int) -> HttpResponse:
    user: Any = request.user
    # Recording an intake changes the person's record: owner case staff only.
    person = get_object_or_404(Person.objects.visible_to(user, Action.CHANGE), pk=person_pk)
    if not user.case_organisation_ids:
        raise Http404
    data = request.POST if request.method == "POST" else None
    form = IntakeForm(data, user=user)
    consent_form = intake_consent_form(data, request.FILES or None, user=user)
    # Both forms are checked in one round, so every problem shows at once.
    wants_consent = bool(data and data.get("record_consent"))
    intake_ok = data is not None and form.is_valid()
    consent_ok = not wants_consent or consent_form.is_valid()
    if intake_ok and not consent_ok:
        try:
            validate_intake(user, organisation=form.organisation(), **form.intake_fields())
        except ValidationError as error:
            add_action_errors(form, error)
    if intake_ok and consent_ok:
        try:
            intake = do_record_intake(
                user,
                person,
                organisation=form.organisation(),
                consent=consent_arguments(consent_form) if wants_consent else None,
                **form.intake_fields(),
            )
        except ValidationError as error:
            own, for_consent = _split_errors(error)
            if own.messages:
                add_action_errors(form, own)
            if for_consent is not None:
                add_action_errors(consent_form, for_consent)
        else:
            if intake.case_id:
                messages.success(
                    request,
                    _("The intake was recorded and case %(reference)s opened.")
                    % {"reference": intake.case.reference if intake.case else ""},
                )
                return redirect("cases:detail", pk=intake.case_id)
            messages.success(request, _("The intake was recorded."))
            return redirect("intake:detail", pk=intake.pk)
    record_read(user, person_id=person.pk, categories=[DataCategory.IDENTITY])
    return render(
        request,
        "intake/record.html",
        {
            "person": person,
            "form": form,
            "consent_form": consent_form,
            "decisions": IntakeDecision,
        },
    )


def intake_queryset(user: Any) -> Any:
    return (
        IntakeRecord.objects.visible_to(user)
        .select_related("person", "organisation", "case", "consent", "recorded_by")
        .prefetch_related(
            Prefetch("life_areas", queryset=LifeArea.objects.order_by("position", "code")),
            Prefetch("providers", queryset=Organisation.objects.order_by("name")),
        )
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    intake = get_object_or_404(intake_queryset(user), pk=pk)
    record_read(
        user,
        person_id=intake.person_id,
        case_id=intake.case_id,
        categories=[DataCategory.IDENTITY, DataCategory.CASE_NOTES],
        object_type="intake.intakerecord",
        object_id=intake.pk,
    )
    areas = list(intake.life_areas.all())
    providers = list(intake.providers.all())
    return render(
        request,
        "intake/detail.html",
        {
            "intake": intake,
            "life_areas": areas,
            "providers": providers,
            "indication": intake.indication(len(areas), len(providers)),
        },
    )
