"""Handing a case over to another organisation: requested by the owner, accepted by the receiver.

Ownership moves only on acceptance. The former owner then becomes a
participating organisation, so it keeps exactly what a release grants it
(nothing without one): the grants are rebuilt in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.grants import rebuild_person_grants
from lotse.access.visibility import may_change
from lotse.audit.log import record_change, snapshot
from lotse.cases.models import Case, CaseManagerAssignment, CaseParticipant
from lotse.network.models import Organisation
from lotse.referrals import notify
from lotse.referrals.actions import move_open_referrals
from lotse.referrals.choices import HandoverStatus
from lotse.referrals.models import CaseHandover


@transaction.atomic
def do_request_handover(
    actor: Any, case: Case, to_organisation: Organisation, *, note: str = ""
) -> CaseHandover:
    note = note.strip()
    if to_organisation.pk == case.organisation_id:
        raise ValidationError({"to_organisation": [_("The case already belongs to it.")]})
    if not case.is_open:
        raise ValidationError(_("A closed case cannot be handed over."))
    if len(note) > 2000:
        raise ValidationError({"note": [_("Keep the note to 2000 characters.")]})
    handover = CaseHandover(
        case=case,
        from_organisation_id=case.organisation_id,
        to_organisation=to_organisation,
        note=note,
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            handover.save()
    except IntegrityError:
        raise ValidationError(
            _("A hand-over of this case is already waiting for an answer.")
        ) from None
    record_change(actor, handover, None)
    notify.after_commit(
        notify.handover_message(case.reference, str(HandoverStatus.REQUESTED.label)),
        notify.organisation_staff_emails(to_organisation.pk),
    )
    return handover


@transaction.atomic
def do_answer_handover(
    actor: Any, handover: CaseHandover, *, accept: bool, reason: str = ""
) -> CaseHandover:
    current = CaseHandover.objects.select_for_update().get(pk=handover.pk)
    if current.to_organisation_id not in getattr(actor, "case_organisation_ids", ()):
        raise ValidationError(_("Only the organisation asked to take over can answer."))
    if current.status != HandoverStatus.REQUESTED:
        raise ValidationError(
            _("This hand-over was already answered: %(status)s.")
            % {"status": current.get_status_display()}
        )
    reason = reason.strip()
    if not accept and not reason:
        raise ValidationError({"reason": [_("Give a reason for declining.")]})
    case = Case.objects.select_for_update().get(pk=current.case_id)
    if accept and case.organisation_id != current.from_organisation_id:
        raise ValidationError(_("The case changed hands in the meantime."))
    before = snapshot(current)
    current.status = HandoverStatus.ACCEPTED if accept else HandoverStatus.DECLINED
    current.reason = reason
    current.answered_by = actor
    current.answered_at = timezone.now()
    current.save()
    record_change(actor, current, before)
    if accept:
        _move_case(actor, case, current)
    notify.after_commit(
        notify.handover_message(case.reference, current.get_status_display()),
        [current.requested_by.email] if current.requested_by and current.requested_by.email else [],
    )
    return current


@transaction.atomic
def do_cancel_handover(actor: Any, handover: CaseHandover) -> CaseHandover:
    """The owner withdraws its request before the receiver answered.

    The row lock orders a cancel and an answer arriving together: whichever
    comes second sees the other's state and is refused with it.
    """
    current = CaseHandover.objects.select_for_update().get(pk=handover.pk)
    case = current.case
    if case.organisation_id != current.from_organisation_id or not may_change(
        actor, case.person_id, case.pk
    ):
        raise ValidationError(_("Only the organisation that asked can cancel the hand-over."))
    if current.status != HandoverStatus.REQUESTED:
        raise ValidationError(
            _("This hand-over was already answered: %(status)s.")
            % {"status": current.get_status_display()}
        )
    before = snapshot(current)
    current.status = HandoverStatus.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at"])
    record_change(actor, current, before)
    notify.after_commit(
        notify.handover_message(case.reference, current.get_status_display()),
        notify.organisation_staff_emails(current.to_organisation_id),
    )
    return current


def _move_case(actor: Any, case: Case, handover: CaseHandover) -> None:
    before = snapshot(case)
    former = case.organisation_id
    managers = list(
        CaseManagerAssignment.objects.filter(case=case).values_list("user_id", flat=True)
    )
    CaseManagerAssignment.objects.filter(case=case).delete()
    CaseParticipant.objects.filter(case=case, organisation=handover.to_organisation_id).delete()
    CaseParticipant.objects.get_or_create(
        case=case,
        organisation_id=former,
        defaults={"purpose": _("Former owner (hand-over)"), "added_by": actor},
    )
    case.organisation_id = handover.to_organisation_id
    case.version += 1
    case.save(update_fields=["organisation", "version", "updated_at"])
    CaseManagerAssignment.objects.create(case=case, user=actor)
    move_open_referrals(actor, case, handover.to_organisation_id)
    record_change(
        actor,
        case,
        before,
        extra={"managers": [sorted(managers), [actor.pk]], "handover": [None, handover.pk]},
    )
    # The former owner's access ends here, except what a release grants it.
    rebuild_person_grants(case.person_id)
