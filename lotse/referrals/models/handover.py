from __future__ import annotations

from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import Action, VisibleQuerySet, grants_for
from lotse.core.categories import DataCategory
from lotse.referrals.choices import HandoverStatus


class HandoverQuerySet(VisibleQuerySet["CaseHandover"]):
    person_path = "case__person_id"
    case_path = "case_id"

    def visible_to(
        self,
        user: Any,
        action: Action = Action.VIEW,
        *,
        category: str | None = None,
        case: Any = None,
    ) -> Self:
        """The owner's case staff, and the case staff of the organisation asked to take over."""
        rows = self.of_case(case)
        if not (user is not None and user.is_authenticated and user.is_active):
            return self.none()
        if action == Action.AUDIT:
            return self.none()
        owned = grants_for(user, Action.VIEW, owner_only=True, case=case)
        sender = Q(case_id__in=owned.values("case_id"))
        if action == Action.CHANGE:
            return rows.filter(sender)
        return rows.filter(sender | Q(to_organisation_id__in=user.case_organisation_ids))


class CaseHandover(models.Model):
    """Moving a case to another organisation: requested by the owner, accepted by the receiver."""

    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="handovers"
    )
    from_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("handing over"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("taking over"),
        on_delete=models.PROTECT,
        related_name="incoming_handovers",
    )
    note = models.TextField(_("note for the receiver"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HandoverStatus.choices,
        default=HandoverStatus.REQUESTED,
    )
    reason = models.TextField(_("reason for declining"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    objects = HandoverQuerySet.as_manager()

    class Meta:
        verbose_name = _("case hand-over")
        verbose_name_plural = _("case hand-overs")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["to_organisation", "status"], name="handover_inbox")]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="requested"), name="handover_one_open_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.to_organisation_id}"
