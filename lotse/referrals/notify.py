"""E-mails to the other side of a referral or hand-over.

Sent after commit (a rolled-back change mails nobody) and without personal
data: the reference and a link; the reader signs in to see what they may see.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lotse.accounts.choices import CASE_ROLES
from lotse.accounts.models import User


def organisation_staff_emails(organisation_id: int) -> list[str]:
    return sorted(
        set(
            User.objects.filter(
                is_active=True,
                memberships__organisation_id=organisation_id,
                memberships__role__in=CASE_ROLES,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )


def _send(subject: str, body: str, recipients: Iterable[str]) -> None:
    to = sorted(set(recipients))
    if not to:
        return
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in to]
    # One mail per recipient: staff of another organisation never see each other's addresses.
    send_mass_mail(messages, fail_silently=True)


def after_commit(subject_and_body: tuple[str, str], recipients: list[str]) -> None:
    subject, body = subject_and_body
    transaction.on_commit(lambda: _send(subject, body, recipients))


def referral_message(reference: str, status_label: str, url_name: str, pk: int) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.LOTSE_BASE_URL.rstrip("/") + reverse(url_name, args=[pk])
        subject = _("Lotse: referral %(reference)s is %(status)s") % {
            "reference": reference,
            "status": status_label,
        }
        body = _("Referral %(reference)s is now: %(status)s.\n\nOpen it in Lotse: %(url)s") % {
            "reference": reference,
            "status": status_label,
            "url": link,
        }
    return subject, body


def handover_message(case_reference: str, status_label: str) -> tuple[str, str]:
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.LOTSE_BASE_URL.rstrip("/") + reverse("referrals:inbox")
        subject = _("Lotse: hand-over of case %(reference)s %(status)s") % {
            "reference": case_reference,
            "status": status_label,
        }
        body = _("The hand-over of case %(reference)s is now: %(status)s.\n\nLotse: %(url)s") % {
            "reference": case_reference,
            "status": status_label,
            "url": link,
        }
    return subject, body
