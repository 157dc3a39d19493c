from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import Action, VisibleQuerySet
from lotse.core.categories import DataCategory
from lotse.intake.choices import ArrivalRoute, IntakeDecision
from lotse.intake.indication import Indication


class IntakeQuerySet(VisibleQuerySet["IntakeRecord"]):
    person_path = "person_id"
    # The first conversation is the recording organisation's own record: a
    # participating office never sees it, and another owner of a later case
    # of the same person does not either.
    owner_only = True

    def visible_to(
        self,
        user: Any,
        action: Action = Action.VIEW,
        *,
        category: str | None = None,
        case: Any = None,
    ) -> Self:
        visible = super().visible_to(user, action, category=category, case=case)
        if action == Action.AUDIT:
            return visible
        return visible.filter(organisation_id__in=getattr(user, "case_organisation_ids", []))


class IntakeRecord(models.Model):
    """The clearing conversation: how the person came, first needs, indication, decision."""

    category: ClassVar[str] = DataCategory.CASE_NOTES

    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="intakes"
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("recording organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    case = models.OneToOneField(
        "cases.Case",
        verbose_name=_("case opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intake",
    )
    consent = models.ForeignKey(
        "access.Consent",
        verbose_name=_("release recorded at intake"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    held_on = models.DateField(_("date of the intake conversation"))
    came_via = models.CharField(_("came via"), max_length=12, choices=ArrivalRoute.choices)
    came_via_detail = models.CharField(_("sent or brought by"), max_length=200, blank=True)
    first_needs = models.TextField(_("first needs"))
    life_areas: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "cases.LifeArea", verbose_name=_("life areas with needs"), related_name="+", blank=True
    )
    providers: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        "network.Organisation",
        verbose_name=_("providers already involved"),
        related_name="+",
        blank=True,
    )
    other_providers = models.CharField(_("other providers involved"), max_length=300, blank=True)
    other_provider_count = models.PositiveSmallIntegerField(
        _("number of other providers"), default=0
    )
    pathways_failed = models.BooleanField(_("standard pathways have not helped"), default=False)
    agrees_to_case_management = models.BooleanField(
        _("the person agrees to case management"), default=False
    )
    decision = models.CharField(_("decision"), max_length=20, choices=IntakeDecision.choices)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    referred_to = models.CharField(_("referred to"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["person", "-held_on"], name="intake_person"),
            models.Index(fields=["organisation", "-held_on"], name="intake_org"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="case_management")
                | models.Q(agrees_to_case_management=True),
                name="intake_case_management_agreed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.held_on}: {self.decision}"

    def indication(self, life_areas: int, providers: int) -> Indication:
        return Indication(
            life_areas=life_areas,
            providers=providers + self.other_provider_count,
            pathways_failed=self.pathways_failed,
            agrees=self.agrees_to_case_management,
        )
