from __future__ import annotations

import datetime
from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import Action, VisibleQuerySet, grants_for, held_for_rows
from lotse.core.categories import CategoriesField, DataCategory, ordered
from lotse.referrals.choices import OPEN_STATUSES, ReferralStatus, Urgency


def _case_staff(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


class ReferralQuerySet(VisibleQuerySet["Referral"]):
    person_path = "person_id"
    case_path = "case_id"

    def visible_to(
        self,
        user: Any,
        action: Action = Action.VIEW,
        *,
        category: str | None = None,
        case: Any = None,
    ) -> Self:
        """The sender's case staff through the case; the receiver's case staff by address.

        A receiver sees the referral itself (the loop must close even after a
        withdrawal of consent); what it shows of the person is decided per row by
        `released_categories`, not here. Changing is the sender's (withdrawal);
        the receiver's answers are checked by the transition action.
        """
        rows = self.of_case(case)
        if not _case_staff(user) or action == Action.AUDIT:
            return self.none()
        if case is not None:
            # One case's referrals: its grants decide, their query compiled once a request.
            sender = Q(
                held_for_rows(user, Action.VIEW, None, using=self.db, case=case, owner_only=True)
            )
        else:
            owned = grants_for(user, Action.VIEW, owner_only=True, case=case)
            sender = Q(case_id__in=owned.values("case_id"))
        if action == Action.CHANGE:
            return rows.filter(sender)
        return rows.filter(sender | Q(recipient_organisation_id__in=user.case_organisation_ids))

    def open(self) -> Self:
        return self.filter(status__in=OPEN_STATUSES)


class Referral(models.Model):
    """Linking (DGCC phase 4): the person referred to a service or organisation, loop closed."""

    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="referrals"
    )
    sender_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("sending organisation"),
        on_delete=models.PROTECT,
        related_name="sent_referrals",
    )
    recipient_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("receiving organisation"),
        on_delete=models.PROTECT,
        related_name="received_referrals",
    )
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    goal = models.ForeignKey(
        "plans.Goal",
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    step = models.ForeignKey(
        "plans.Step",
        verbose_name=_("step"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals",
    )
    request = models.TextField(_("what is asked"))
    categories = CategoriesField(_("data categories sent"))
    # The release that covered the referral when it was sent: while it is in
    # force the receiver sees the categories both name; after a withdrawal, none.
    consent = models.ForeignKey(
        "access.Consent",
        verbose_name=_("covering release"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=14, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    reason = models.TextField(_("reason"), blank=True)
    # One form, one referral: a double submit carries the same key (unique).
    idempotency_key = models.UUIDField(_("form token"), unique=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-sent_at", "-id"]
        indexes = [
            # The receiver's inbox, newest first, with and without a status filter.
            models.Index(
                fields=["recipient_organisation", "-sent_at", "-id"], name="referral_inbox"
            ),
            models.Index(
                fields=["recipient_organisation", "status", "-sent_at", "-id"],
                name="referral_inbox_status",
            ),
            # Overdue: unanswered referrals of the sender by age.
            models.Index(
                fields=["sender_organisation", "sent_at"],
                condition=Q(status="sent"),
                name="referral_unanswered",
            ),
            models.Index(fields=["case", "-sent_at"], name="referral_case"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["declined", "not_taken_up"]) | ~Q(reason=""),
                name="referral_reason_given",
            ),
            models.CheckConstraint(
                condition=~Q(recipient_organisation=models.F("sender_organisation")),
                name="referral_to_another_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"R-{self.pk:07d}" if self.pk else "R-neu"

    @property
    def reference(self) -> str:
        return str(self)

    @property
    def category_labels(self) -> list[str]:
        return [str(DataCategory(code).label) for code in ordered(self.categories)]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def release_state(self, on: datetime.date | None = None) -> str:
        """in_force, withdrawn, expired, pending or missing: why the receiver sees what it sees."""
        if self.consent is None:
            return "missing"
        return self.consent.status(on)

    def released_categories(self, on: datetime.date | None = None) -> frozenset[str]:
        """What the receiver may read of the person through this referral, now."""
        if self.release_state(on) != "in_force" or self.consent is None:
            return frozenset()
        return frozenset(self.categories) & frozenset(self.consent.categories)

    def is_overdue(self, days: int, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == ReferralStatus.SENT and self.sent_at < now - datetime.timedelta(
            days=days
        )
