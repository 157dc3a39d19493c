from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import (
    Action,
    RowCategoryBit,
    VisibleQuerySet,
    grants_for,
    held_for_rows,
    holding,
)
from lotse.core.categories import DataCategory
from lotse.intake.choices import Priority


class AssessmentQuerySet(VisibleQuerySet["AssessmentEntry"]):
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
        """What is written about a life area is data of that area's category.

        A participant holding only identity and residence sees the residence
        assessment and nothing about health: each row needs a grant for the
        case that carries its own life area's category.
        """
        bit = RowCategoryBit("life_area__category")
        if category is None and case is not None and action != Action.AUDIT:
            if not (user is not None and user.is_authenticated and user.is_active):
                return self.none()
            # The case page: a grant for this case holding the row's category also
            # answers the case-level check; that case's grants are compiled once a request.
            return self.of_case(case).filter(
                held_for_rows(user, action, bit, using=self.db, case=case)
            )
        visible = super().visible_to(user, action, category=category, case=case)
        if category is not None:
            return visible.filter(life_area__category=category)
        if action == Action.AUDIT:
            return visible
        # A correlated EXISTS per row (one lookup on the grant index by
        # organisation and case) instead of one hashed subplan per category,
        # which would read every grant of the organisation.
        held = holding(
            grants_for(user, action).filter(case_id=OuterRef("case_id")),
            OuterRef("_category_bit"),
        )
        return visible.alias(_category_bit=bit).filter(Exists(held))

    def current(self) -> Self:
        return self.filter(is_current=True)


class AssessmentEntry(models.Model):
    """One life area assessed at one date. A re-assessment is a new entry; the old one stays."""

    # The class-level category is the fallback; each row's real category is its life area's.
    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="assessment_entries",
    )
    life_area = models.ForeignKey(
        "cases.LifeArea", verbose_name=_("life area"), on_delete=models.PROTECT, related_name="+"
    )
    assessed_on = models.DateField(_("assessed on"))
    situation = models.TextField(_("situation"), blank=True)
    resources = models.TextField(_("resources"), blank=True)
    needs = models.TextField(_("needs"), blank=True)
    priority = models.CharField(_("priority"), max_length=6, choices=Priority.choices)
    note = models.TextField(_("note"), blank=True)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("previous assessment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next",
    )
    # The latest entry per case and life area: the current picture in one indexed filter.
    is_current = models.BooleanField(_("current"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment of a life area")
        verbose_name_plural = _("assessments of life areas")
        ordering = ["case", "life_area__position", "-assessed_on", "-id"]
        indexes = [
            models.Index(fields=["case", "is_current"], name="assessment_case_current"),
            models.Index(fields=["case", "life_area", "-assessed_on"], name="assessment_history"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "life_area"],
                condition=Q(is_current=True),
                name="assessment_one_current_per_area",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.life_area_id} {self.assessed_on}"

    @property
    def data_category(self) -> str:
        return str(self.life_area.category)
