"""Visibility of plan rows whose data category depends on their life area.

What a goal says is data of its life area's category: a health goal is health
data. A participant that the person released only education data to sees the
language goal, not the therapy goal. The category is decided per row in SQL:
one correlated EXISTS against the access grants, the grant's category mask
ANDed with the bit of the row's life-area category.
"""

from __future__ import annotations

from typing import Any, ClassVar, Self, TypeVar

from django.db import models
from django.db.models import Exists, OuterRef

from lotse.access.visibility import (
    Action,
    RowCategoryBit,
    VisibleQuerySet,
    grants_for,
    held_for_rows,
    holding,
)

_M = TypeVar("_M", bound=models.Model)


class LifeAreaRowQuerySet(VisibleQuerySet[_M]):
    case_path: ClassVar[str | None] = "case_id"
    # Path from the row to its life area's category.
    category_path: ClassVar[str] = "life_area__category"

    def visible_to(
        self,
        user: Any,
        action: Action = Action.VIEW,
        *,
        category: str | None = None,
        case: Any = None,
    ) -> Self:
        if category is not None:
            return super().visible_to(user, action, category=category, case=case)
        rows = self.of_case(case)
        if not _is_active(user) or action == Action.AUDIT:
            # Like every case-level row: no case content for the DPO's audit view.
            return self.none()
        bit = RowCategoryBit(self.category_path)
        if case is not None:
            # The rows of one case: that case's grants, compiled once a request.
            held = held_for_rows(
                user, action, bit, using=self.db, case=case, owner_only=self.owner_only
            )
            return rows.filter(held)
        # One correlated EXISTS per row: a current grant of the user's organisations
        # for this row's case whose categories include the row's life-area category.
        # It implies the case-level check, so no second semi-join over all grants.
        case_path = self.case_path or "case_id"
        grants = grants_for(user, action, owner_only=self.owner_only).filter(
            case_id=OuterRef(case_path)
        )
        hit = holding(grants, OuterRef("_row_category_bit"))
        visible = rows.alias(_row_category_bit=bit).filter(Exists(hit))
        return visible


def _is_active(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)
