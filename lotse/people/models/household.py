from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.categories import DataCategory
from lotse.people.choices import Relationship
from lotse.people.models.person import PersonDataQuerySet


class Household(models.Model):
    category: ClassVar[str] = DataCategory.FAMILY

    label = models.CharField(_("label"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.label or str(_("Household %(id)s") % {"id": self.pk})


class HouseholdMembership(models.Model):
    category: ClassVar[str] = DataCategory.FAMILY

    household = models.ForeignKey(
        Household, verbose_name=_("household"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="household_memberships",
    )
    relationship = models.CharField(_("relationship"), max_length=10, choices=Relationship.choices)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    objects = PersonDataQuerySet.as_manager()

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="household_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"
