from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.access.choices import GrantReason
from lotse.core.categories import CategoriesField


class AccessGrant(models.Model):
    """Precomputed: which organisation may see which person and case, in which categories.

    Rebuilt per person by the actions that change ownership, participation or
    consent (lotse.access.grants), so that visibility is one indexed semi-join
    instead of a rule evaluated per row. Validity dates stay in the row: an
    expiring consent ends access at midnight without any job running.
    """

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        on_delete=models.CASCADE,
        related_name="grants",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    categories = CategoriesField(_("data categories"))
    owner = models.BooleanField(_("owning organisation"), default=False)
    reason = models.CharField(_("reason"), max_length=12, choices=GrantReason.choices)
    consent = models.ForeignKey(
        "access.Consent",
        verbose_name=_("consent"),
        null=True,
        on_delete=models.CASCADE,
        related_name="grants",
    )
    valid_from = models.DateField(_("valid from"), null=True)
    valid_until = models.DateField(_("valid until"), null=True)

    class Meta:
        verbose_name = _("access grant")
        verbose_name_plural = _("access grants")
        indexes = [
            models.Index(fields=["organisation", "person"], name="grant_org_person"),
            models.Index(fields=["organisation", "case"], name="grant_org_case"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} → person {self.person_id} / case {self.case_id}"
