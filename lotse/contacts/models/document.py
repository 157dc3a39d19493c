from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
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


class DocumentQuerySet(VisibleQuerySet["Document"]):
    """Each document carries its own data category (a medical report is health
    data, a residence permit residence data): a reader sees a document only
    through a grant for its case that holds that category."""

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
        rows = self.of_case(case)
        visible = self.none()
        if action == Action.AUDIT or not (user is not None and user.is_authenticated):
            return visible
        if not user.is_active:
            return visible
        if category is not None:
            cases = grants_for(user, action, category=category, case=case).values("case_id")
            return rows.filter(data_category=category, case_id__in=cases)
        bit = RowCategoryBit("data_category")
        if case is not None:
            # The case page: that case's grants, their query compiled once a request.
            return rows.filter(held_for_rows(user, action, bit, using=self.db, case=case))
        # One correlated EXISTS per row (a lookup on the grant index by organisation
        # and case) holding the row's own category bit, as for assessments and
        # conferences: one subquery per category cost the case page eight
        # subqueries to build and compile for a handful of documents.
        held = holding(
            grants_for(user, action, case=case).filter(case_id=OuterRef("case_id")),
            OuterRef("_category_bit"),
        )
        return rows.alias(_category_bit=bit).filter(Exists(held))


class Document(models.Model):
    """An uploaded file of a case, stored encrypted outside the web root."""

    category: ClassVar[str] = DataCategory.CASE_NOTES
    # Per row, see DocumentQuerySet; the class value only names the audit default.
    row_category: ClassVar[str | None] = None

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="documents"
    )
    data_category = models.CharField(
        _("data category"), max_length=20, choices=DataCategory.choices
    )
    title = models.CharField(_("title"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("checksum (SHA-256)"), max_length=64)
    # A random name under LOTSE_DOCUMENTS_DIR; it says nothing about the person.
    stored_name = models.CharField(_("stored as"), max_length=80, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["case", "-uploaded_at"], name="document_case_recent")]

    def __str__(self) -> str:
        return self.title
