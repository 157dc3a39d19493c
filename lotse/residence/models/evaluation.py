from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.residence.models.base import ResidenceQuerySet, ResidenceRow, person_field


class Evaluation(ResidenceRow):
    """A pathway evaluation someone asked to keep: the facts it read and its result.

    Kept only on request (not on every edit): a stored evaluation is something a
    case manager relies on, e.g. for an appointment at the immigration office,
    so it records who asked, on which facts and under which rules version.
    """

    person = person_field("pathway_evaluations")
    as_of = models.DateField(_("as of"))
    rules_version = models.CharField(_("rules version"), max_length=20)
    facts = models.JSONField(_("facts document"))
    result = models.JSONField(_("result document"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ResidenceQuerySet["Evaluation"].as_manager()

    class Meta:
        verbose_name = _("pathway evaluation")
        verbose_name_plural = _("pathway evaluations")
        ordering = ["person", "-created_at", "-id"]
        indexes = [models.Index(fields=["person", "-created_at"])]

    def __str__(self) -> str:
        return str(_("Evaluation as of %(date)s") % {"date": f"{self.as_of:%d.%m.%Y}"})

    def outcomes(self) -> list[tuple[str, str]]:
        return [(p.get("id", ""), p.get("outcome", "")) for p in self.result.get("pathways", [])]
