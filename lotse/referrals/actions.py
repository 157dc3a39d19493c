"""Sending referrals and moving them through their states; one transaction each, audited."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.access.models import Consent
from lotse.access.visibility import may_change
from lotse.audit.log import record_change, snapshot
from lotse.cases.models import Case
from lotse.core.categories import ordered, to_mask
from lotse.core.errors import StaleObject
from lotse.directory.models import Service
from lotse.network.models import Organisation
from lotse.plans.models import Goal, Step
from lotse.referrals import notify
from lotse.referrals.choices import (
    NEEDS_REASON,
    OPEN_STATUSES,
    RECEIVER_MOVES,
    SENDER_MOVES,
    ReferralStatus,
    Urgency,
)
from lotse.referrals.models import Referral

MAX_REQUEST = 4000


def covering_release(
    case: Case, recipient: Organisation, categories: Iterable[str]
) -> Consent | None:
    """The release in force today that names the recipient and covers every category."""
    wanted = to_mask(categories)
    candidates = (
        Consent.objects.in_force()
        .filter(person_id=case.person_id, recipients=recipient)
        .filter(Q(case__isnull=True) | Q(case=case))
        .order_by("-given_on", "-id")
    )
    for consent in candidates:
        if to_mask(consent.categories) & wanted == wanted:
            return consent
    return None


def _recipient_of(service: Service | None, recipient: Organisation | None) -> Organisation:
    if service is not None:
        if recipient is not None and recipient.pk != service.provider_id:
            raise ValidationError(
                {"recipient": [_("The service belongs to another organisation.")]}
            )
        return service.provider
    if recipient is None:
        raise ValidationError({"recipient": [_("Choose a service or an organisation.")]})
    return recipient


@transaction.atomic
def do_send_referral(
    actor: Any,
    case: Case,
    *,
    request: str,
    categories: Iterable[str],
    idempotency_key: uuid.UUID,
    recipient: Organisation | None = None,
    service: Service | None = None,
    goal: Goal | None = None,
    step: Step | None = None,
    urgency: str = Urgency.NORMAL,
    due_on: datetime.date | None = None,
) -> tuple[Referral, bool]:
    """Send a referral; (referral, False) when this form token was already used."""
    existing = Referral.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return _same_submit(existing, case)
    target = _recipient_of(service, recipient)
    categories = ordered(categories)
    request = request.strip()
    errors: dict[str, list[str]] = {}
    if not request:
        errors["request"] = [_("Say what is asked of the receiver.")]
    elif len(request) > MAX_REQUEST:
        errors["request"] = [_("Keep the request to 4000 characters.")]
    if not categories:
        errors["categories"] = [_("Choose at least one kind of data to send.")]
    if target.pk == case.organisation_id:
        errors["recipient"] = [_("A referral goes to another organisation.")]
    if urgency not in Urgency.values:
        errors["urgency"] = [_("Choose normal or urgent.")]
    if due_on is not None and due_on < timezone.localdate():
        errors["due_on"] = [_("The due date cannot lie in the past.")]
    if not case.is_open:
        errors["__all__"] = [_("A closed case cannot refer anyone.")]
    if goal is not None and goal.case_id != case.pk:
        errors["goal"] = [_("The goal belongs to another case.")]
    if step is not None and step.case_id != case.pk:
        errors["step"] = [_("The step belongs to another case.")]
    if errors:
        raise ValidationError(errors)
    consent = covering_release(case, target, categories)
    if consent is None:
        raise ValidationError(
            {
                "categories": [
                    ValidationError(
                        _(
                            "No release in force lets %(organisation)s receive these kinds "
                            "of data. Nothing was sent: record a release first."
                        )
                        % {"organisation": target.name},
                        code="no_release",
                    )
                ]
            }
        )
    referral = Referral(
        person_id=case.person_id,
        case=case,
        sender_organisation_id=case.organisation_id,
        recipient_organisation=target,
        service=service,
        goal=goal or (step.goal if step is not None else None),
        step=step,
        request=request,
        categories=frozenset(categories),
        consent=consent,
        urgency=urgency,
        due_on=due_on,
        idempotency_key=idempotency_key,
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            referral.save()
    except IntegrityError:
        # A concurrent submit of the same form won: answer with its referral.
        return _same_submit(Referral.objects.get(idempotency_key=idempotency_key), case)
    record_change(actor, referral, None)
    notify.after_commit(
        notify.referral_message(
            referral.reference, str(ReferralStatus.SENT.label), "referrals:detail", referral.pk
        ),
        notify.organisation_staff_emails(target.pk),
    )
    return referral, True


def _same_submit(existing: Referral, case: Case) -> tuple[Referral, bool]:
    if existing.case_id != case.pk:
        raise ValidationError(_("This form was already used for another case. Reload it."))
    return existing, False


def side_of(actor: Any, referral: Referral) -> set[str]:
    sides = set()
    if may_change(actor, referral.person_id, referral.case_id):
        sides.add("sender")
    if referral.recipient_organisation_id in getattr(actor, "case_organisation_ids", ()):
        sides.add("receiver")
    return sides


def allowed_moves(actor: Any, referral: Referral) -> list[str]:
    sides = side_of(actor, referral)
    moves: set[str] = set()
    if "receiver" in sides:
        moves |= RECEIVER_MOVES.get(referral.status, frozenset())
        if referral.release_state() != "in_force":
            # Without a release the receiver may only close the loop, not work on the data.
            moves -= {ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS}
    if "sender" in sides:
        moves |= SENDER_MOVES.get(referral.status, frozenset())
    return [status for status in ReferralStatus.values if status in moves]


@transaction.atomic
def do_move_referral(
    actor: Any,
    referral: Referral,
    to: str,
    *,
    reason: str = "",
    expected_version: int | None = None,
) -> Referral:
    # The row lock serialises concurrent answers: the second sees the first's state.
    # `of=("self",)`: PostgreSQL cannot lock the nullable side of the consent join.
    current = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("consent")
        .get(pk=referral.pk)
    )
    if to not in ReferralStatus.values:
        raise ValidationError({"to": [_("Choose one of the referral's states.")]})
    sides = side_of(actor, current)
    if not sides:
        raise ValidationError(_("Only the sender or the receiver can change a referral."))
    if current.status == ReferralStatus.WITHDRAWN:
        raise ValidationError(
            _("The sender withdrew this referral on %(date)s; it can no longer be answered.")
            % {"date": timezone.localtime(current.updated_at).date().strftime("%d.%m.%Y")}
        )
    if expected_version is not None and current.version != expected_version:
        raise StaleObject(
            _("Someone else answered this referral in the meantime (now: %(status)s). Reload.")
            % {"status": current.get_status_display()}
        )
    if to not in allowed_moves(actor, current):
        if (
            "receiver" in sides
            and current.release_state() != "in_force"
            and to
            in (
                ReferralStatus.ACCEPTED,
                ReferralStatus.IN_PROGRESS,
            )
        ):
            raise ValidationError(
                _(
                    "The person's release for this referral is no longer in force; "
                    "it cannot be accepted or worked on."
                )
            )
        raise ValidationError(
            _("A referral that is %(status)s cannot become %(to)s.")
            % {"status": current.get_status_display(), "to": ReferralStatus(to).label}
        )
    reason = reason.strip()
    if to in NEEDS_REASON and not reason:
        raise ValidationError({"reason": [_("Give a reason.")]})
    if len(reason) > 2000:
        raise ValidationError({"reason": [_("Keep the reason to 2000 characters.")]})
    before = snapshot(current)
    if current.status == ReferralStatus.SENT:
        current.answered_at = timezone.now()
    current.status = to
    if reason:
        current.reason = reason
    current.version += 1
    current.save()
    record_change(actor, current, before)
    if to == ReferralStatus.WITHDRAWN:
        recipients = notify.organisation_staff_emails(current.recipient_organisation_id)
    else:
        recipients = _sender_side_emails(current)
    notify.after_commit(
        notify.referral_message(
            current.reference, str(ReferralStatus(to).label), "referrals:detail", current.pk
        ),
        recipients,
    )
    return current


def _sender_side_emails(referral: Referral) -> list[str]:
    """Who hears the receiver's answers: the case's managers, and whoever sent the
    referral as long as they still work for the sending organisation. After a
    hand-over the sender's side is the new owner, so the former owner's staff
    (who may hold no release any more) are not mailed about the case."""
    recipients = list(referral.case.managers.exclude(email="").values_list("email", flat=True))
    sender = referral.sent_by
    if (
        sender is not None
        and sender.email
        and sender.is_active
        and referral.sender_organisation_id in sender.case_organisation_ids
    ):
        recipients.append(sender.email)
    return recipients


def move_open_referrals(actor: Any, case: Case, to_organisation_id: int) -> None:
    """A hand-over moves the case's open referrals to the new owner, in the
    hand-over's transaction: it becomes the sender's side (it answers, withdraws
    and is mailed). Closed referrals keep their sender as history. A referral
    open to the new owner itself has no other side left: it is closed as
    withdrawn, with the hand-over as the reason. Each change is audited."""
    for referral in Referral.objects.select_for_update(of=("self",)).filter(
        case=case, status__in=OPEN_STATUSES
    ):
        if referral.sender_organisation_id == to_organisation_id:
            continue
        before = snapshot(referral)
        if referral.recipient_organisation_id == to_organisation_id:
            referral.status = ReferralStatus.WITHDRAWN
            referral.reason = _("The case was handed over to the receiving organisation.")
        else:
            referral.sender_organisation_id = to_organisation_id
        referral.version += 1
        referral.save()
        record_change(actor, referral, before)
