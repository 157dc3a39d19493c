"""Recording the intake (clearing) and assessing life areas.

The intake opens the case and records the release from confidentiality
through the cases and access actions, all in one transaction: a refused
consent leaves no case and no intake behind.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lotse.access.actions import do_record_consent
from lotse.audit.log import diff, record, record_change, snapshot
from lotse.audit.models import AuditAction
from lotse.cases.actions import do_open_case
from lotse.cases.models import Case, LifeArea
from lotse.core.errors import StaleObject
from lotse.intake.choices import IntakeDecision, Priority
from lotse.intake.indication import Indication
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.network.models import Organisation
from lotse.people.models import Person

# Keys of a refused release carry this prefix, so a form can show them at the consent fields.
CONSENT_PREFIX = "consent-"


def validate_intake(
    actor: Any,
    *,
    organisation: Organisation,
    held_on: datetime.date,
    first_needs: str,
    decision: str,
    life_areas: Iterable[LifeArea] = (),
    providers: Iterable[Organisation] = (),
    other_provider_count: int = 0,
    pathways_failed: bool = False,
    agrees_to_case_management: bool = False,
    decision_reason: str = "",
    referred_to: str = "",
    programme: str = "",
    **_other: Any,
) -> Indication:
    """The intake's rules; the indication they were judged by. Forms call it too."""
    providers = [p for p in providers if p.pk != organisation.pk]
    indication = Indication(
        life_areas=len(list(life_areas)),
        providers=len(providers) + other_provider_count,
        pathways_failed=pathways_failed,
        agrees=agrees_to_case_management,
    )
    errors: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        errors.setdefault(field, []).append(message)

    if organisation.pk not in getattr(actor, "case_organisation_ids", []):
        refuse("organisation", _("Record the intake for an organisation you do case work for."))
    if held_on > timezone.localdate():
        refuse("held_on", _("An intake conversation cannot be dated in the future."))
    if not first_needs.strip():
        refuse("first_needs", _("Describe the first needs the person named."))
    if decision not in IntakeDecision.values:
        refuse("decision", _("Choose case management, short counselling or referral only."))
    if decision == IntakeDecision.CASE_MANAGEMENT:
        if not indication.agrees:
            refuse(
                "agrees_to_case_management",
                _("Case management needs the person's agreement; record it first."),
            )
        elif not indication.met and not decision_reason.strip():
            refuse(
                "decision_reason",
                _(
                    "These facts do not indicate case management (three or more life areas, "
                    "several providers or failed standard pathways): give the reason for it."
                ),
            )
        if not programme:
            refuse("programme", _("Choose the programme of the case to open."))
    if decision == IntakeDecision.REFERRAL_ONLY and not referred_to.strip():
        refuse("referred_to", _("Name the service the person is referred to."))
    if errors:
        raise ValidationError(errors)
    return indication


@transaction.atomic
def do_record_intake(
    actor: Any,
    person: Person,
    *,
    organisation: Organisation,
    held_on: datetime.date,
    came_via: str,
    first_needs: str,
    decision: str,
    life_areas: Iterable[LifeArea] = (),
    providers: Iterable[Organisation] = (),
    came_via_detail: str = "",
    other_providers: str = "",
    other_provider_count: int = 0,
    pathways_failed: bool = False,
    agrees_to_case_management: bool = False,
    decision_reason: str = "",
    referred_to: str = "",
    programme: str = "",
    consent: dict[str, Any] | None = None,
) -> IntakeRecord:
    """Record the intake; with the decision 'case management' also open the case.

    `consent`: the arguments of a release from confidentiality recorded at the
    intake (lotse.access.actions.do_record_consent), or None.
    """
    life_areas = list(life_areas)
    providers = [p for p in providers if p.pk != organisation.pk]
    validate_intake(
        actor,
        organisation=organisation,
        held_on=held_on,
        first_needs=first_needs,
        decision=decision,
        life_areas=life_areas,
        providers=providers,
        other_provider_count=other_provider_count,
        pathways_failed=pathways_failed,
        agrees_to_case_management=agrees_to_case_management,
        decision_reason=decision_reason,
        referred_to=referred_to,
        programme=programme,
    )
    case: Case | None = None
    if decision == IntakeDecision.CASE_MANAGEMENT:
        case = do_open_case(
            actor,
            person,
            organisation=organisation,
            programme=programme,
            opened_on=held_on,
            managers=[actor],
        )
    recorded_consent = None
    if consent is not None:
        try:
            recorded_consent = do_record_consent(actor, person, case=case, **consent)
        except ValidationError as refused:
            if not hasattr(refused, "error_dict"):
                raise
            raise ValidationError(
                {CONSENT_PREFIX + key: value for key, value in refused.message_dict.items()}
            ) from None
    intake = IntakeRecord(
        person=person,
        organisation=organisation,
        case=case,
        consent=recorded_consent,
        held_on=held_on,
        came_via=came_via,
        came_via_detail=came_via_detail,
        first_needs=first_needs,
        other_providers=other_providers,
        other_provider_count=other_provider_count,
        pathways_failed=pathways_failed,
        agrees_to_case_management=agrees_to_case_management,
        decision=decision,
        decision_reason=decision_reason,
        referred_to=referred_to,
        recorded_by=actor,
    )
    intake.full_clean(exclude=["recorded_by"])
    intake.save()
    intake.life_areas.set(life_areas)
    intake.providers.set(providers)
    record_change(
        actor,
        intake,
        None,
        extra={
            "life_areas": [None, sorted(area.code for area in life_areas)],
            "providers": [None, sorted(p.pk for p in providers)],
        },
    )
    return intake


def _stale_message(current: AssessmentEntry) -> str:
    who = current.recorded_by.display() if current.recorded_by else _("someone")
    return _(
        "Meanwhile %(name)s assessed %(area)s on %(date)s (priority: %(priority)s). "
        "Check the current entry and send yours again if it still holds."
    ) % {
        "name": who,
        "area": current.life_area.label,
        "date": date_format(current.assessed_on, "SHORT_DATE_FORMAT"),
        "priority": current.get_priority_display(),
    }


@transaction.atomic
def do_assess_life_area(
    actor: Any,
    case: Case,
    life_area: LifeArea,
    *,
    assessed_on: datetime.date,
    priority: str,
    situation: str = "",
    resources: str = "",
    needs: str = "",
    note: str = "",
    based_on: int | None = None,
) -> AssessmentEntry:
    """Assess one life area of a case; a re-assessment keeps the earlier entry as history.

    `based_on` is the id of the current entry the user saw (None: they saw none).
    If another entry became current meanwhile, the assessment is refused (StaleObject).
    """
    current = (
        # Only the entry's own row is locked: the joined user may be missing (outer join).
        AssessmentEntry.objects.select_for_update(of=("self",))
        .select_related("life_area", "recorded_by")
        .filter(case=case, life_area=life_area, is_current=True)
        .first()
    )
    if (current.pk if current else None) != based_on:
        if current is None:
            raise StaleObject(_("The assessment you based this on was replaced. Reload the page."))
        raise StaleObject(_stale_message(current))
    errors: dict[str, list[str]] = {}
    if not case.is_open:
        errors.setdefault("case", []).append(_("A closed case cannot be assessed."))
    if not life_area.active:
        errors.setdefault("life_area", []).append(_("This life area is no longer in use."))
    if priority not in Priority.values:
        errors.setdefault("priority", []).append(_("Choose high, medium or low."))
    if not (situation.strip() or resources.strip() or needs.strip()):
        errors.setdefault("situation", []).append(
            _("Describe at least the situation, the resources or the needs.")
        )
    if assessed_on > timezone.localdate():
        errors.setdefault("assessed_on", []).append(_("An assessment cannot be in the future."))
    elif assessed_on < case.opened_on:
        errors.setdefault("assessed_on", []).append(
            _("An assessment cannot be dated before the case was opened (%(date)s).")
            % {"date": date_format(case.opened_on, "SHORT_DATE_FORMAT")}
        )
    elif current is not None and assessed_on < current.assessed_on:
        errors.setdefault("assessed_on", []).append(
            _("A re-assessment cannot be dated before the previous one (%(date)s).")
            % {"date": date_format(current.assessed_on, "SHORT_DATE_FORMAT")}
        )
    if errors:
        raise ValidationError(errors)
    if current is not None:
        AssessmentEntry.objects.filter(pk=current.pk).update(is_current=False)
    entry = AssessmentEntry(
        case=case,
        life_area=life_area,
        assessed_on=assessed_on,
        priority=priority,
        situation=situation,
        resources=resources,
        needs=needs,
        note=note,
        previous=current,
        recorded_by=actor,
    )
    entry.full_clean(exclude=["recorded_by", "previous"], validate_constraints=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        # A colleague's first assessment of this area won the race.
        raise StaleObject(
            _("Someone else assessed this life area at the same time. Reload the page.")
        ) from None
    # The entry is data of its life area's category (a health note is health data).
    record(
        actor,
        AuditAction.CREATE,
        object_type="intake.assessmententry",
        object_id=entry.pk,
        person_id=case.person_id,
        case_id=case.pk,
        categories=[life_area.category],
        changes=diff(None, snapshot(entry)),
    )
    return entry
