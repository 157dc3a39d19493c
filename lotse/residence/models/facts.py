"""The facts the pathway rules read besides the status history (facts document v1).

Yes/no facts are nullable: empty means "not known", which the engine turns into
an `unknown` criterion, never a `met` one.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.residence.choices import BenefitType, CertificateLevel
from lotse.residence.models.base import (
    ResidenceQuerySet,
    ResidenceRow,
    check_not_future,
    check_period,
    ordered_period,
    person_field,
)


def known(label: Any) -> Any:
    return models.BooleanField(label, null=True, blank=True)


class Spell(ResidenceRow):
    """A fact that held from one day until another, or still holds (no end)."""

    valid_from = models.DateField(_("from"))
    valid_until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        check_period(self.valid_from, self.valid_until, "valid_until")


class ResidenceFacts(ResidenceRow):
    person = models.OneToOneField(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="residence_facts",
    )
    entry_date = models.DateField(_("date of entry"), null=True, blank=True)
    identity_clarified_on = models.DateField(_("identity clarified on"), null=True, blank=True)
    identity_deception = known(_("deceived about identity or nationality"))
    fdgo_commitment = known(_("committed to the free democratic basic order"))
    civic_knowledge = known(_("basic knowledge of the legal and social order"))
    naturalisation_test_passed = known(_("naturalisation test passed"))
    living_with_minor_child = known(_("lives with a minor unmarried child"))
    integration_course_obliged = known(_("obliged to attend an integration course"))
    integration_course_completed = known(_("integration course completed"))
    livelihood_secured = known(_("livelihood secured (case manager's assessment)"))
    schooling_years_in_germany = models.PositiveSmallIntegerField(
        _("years of successful schooling in Germany"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(20)],
    )
    german_qualification = known(_("German school or vocational qualification"))
    # An empty list proves a negative (no conviction, no benefits, no child), so
    # the lists below reach the engine only once someone confirms they are
    # complete; until then the criteria reading them stay unknown. Certificates
    # and employment only ever help, so recorded rows are passed on regardless.
    certificates_complete = models.BooleanField(
        _("all language certificates are recorded"), default=False
    )
    employment_complete = models.BooleanField(_("all employment is recorded"), default=False)
    benefits_complete = models.BooleanField(_("all benefit periods are recorded"), default=False)
    convictions_complete = models.BooleanField(
        _("all convictions are recorded (none if the list is empty)"), default=False
    )
    children_complete = models.BooleanField(_("all children are recorded"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResidenceQuerySet["ResidenceFacts"].as_manager()

    class Meta:
        verbose_name = _("residence facts")
        verbose_name_plural = _("residence facts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(identity_clarified_on__isnull=True)
                | models.Q(entry_date__isnull=True)
                | models.Q(identity_clarified_on__gte=models.F("entry_date")),
                name="residence_facts_identity_after_entry",
            )
        ]

    def __str__(self) -> str:
        return str(_("Residence facts"))

    def clean(self) -> None:
        check_not_future(
            entry_date=self.entry_date, identity_clarified_on=self.identity_clarified_on
        )
        if (
            self.entry_date
            and self.identity_clarified_on
            and self.identity_clarified_on < self.entry_date
        ):
            raise ValidationError(
                {"identity_clarified_on": [_("The identity cannot be clarified before entry.")]}
            )


class LanguageCertificate(ResidenceRow):
    person = person_field("language_certificates")
    level = models.CharField(_("level"), max_length=2, choices=CertificateLevel.choices)
    oral_only = models.BooleanField(_("oral skills only"), default=False)
    issued_on = models.DateField(_("issued on"))
    issuer = models.CharField(_("issuer"), max_length=200, blank=True)

    objects = ResidenceQuerySet["LanguageCertificate"].as_manager()

    class Meta:
        verbose_name = _("language certificate")
        verbose_name_plural = _("language certificates")
        ordering = ["person", "issued_on", "id"]

    def __str__(self) -> str:
        return f"{self.level} ({self.issued_on:%d.%m.%Y})"

    def clean(self) -> None:
        check_not_future(issued_on=self.issued_on)


class EmploymentSpell(Spell):
    person = person_field("employment_spells")
    hours_per_week = models.PositiveSmallIntegerField(
        _("hours per week"), validators=[MaxValueValidator(80)]
    )
    social_insurance = models.BooleanField(_("subject to social insurance"), default=True)
    employer = models.CharField(_("employer"), max_length=200, blank=True)

    objects = ResidenceQuerySet["EmploymentSpell"].as_manager()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employment")
        ordering = ["person", "valid_from", "id"]
        constraints = [ordered_period("valid_from", "valid_until", "employment_spell_ordered")]

    def __str__(self) -> str:
        return f"{self.employer or _('Employment')} ({self.valid_from:%d.%m.%Y})"


class BenefitPeriod(Spell):
    person = person_field("benefit_periods")
    benefit = models.CharField(_("benefit"), max_length=12, choices=BenefitType.choices)

    objects = ResidenceQuerySet["BenefitPeriod"].as_manager()

    class Meta:
        verbose_name = _("benefit period")
        verbose_name_plural = _("benefit periods")
        ordering = ["person", "valid_from", "id"]
        constraints = [ordered_period("valid_from", "valid_until", "benefit_period_ordered")]

    def __str__(self) -> str:
        return f"{self.get_benefit_display()} ({self.valid_from:%d.%m.%Y})"


class Conviction(ResidenceRow):
    person = person_field("convictions")
    convicted_on = models.DateField(_("date of the conviction"))
    daily_rates = models.PositiveSmallIntegerField(_("daily rates of a fine"), default=0)
    prison_months = models.PositiveSmallIntegerField(_("months of imprisonment"), default=0)
    juvenile_sanction_only = models.BooleanField(
        _("juvenile sanction only (no youth custody)"), default=False
    )
    foreigner_specific_offence = models.BooleanField(
        _("offence only foreigners can commit (AufenthG, AsylG)"), default=False
    )

    objects = ResidenceQuerySet["Conviction"].as_manager()

    class Meta:
        verbose_name = _("conviction")
        verbose_name_plural = _("convictions")
        ordering = ["person", "convicted_on", "id"]

    def __str__(self) -> str:
        return str(_("Conviction of %(date)s") % {"date": f"{self.convicted_on:%d.%m.%Y}"})

    def clean(self) -> None:
        check_not_future(convicted_on=self.convicted_on)


class Child(ResidenceRow):
    """A child of the person, as far as § 25b asks: school age and attendance."""

    person = person_field("residence_children")
    given_name = models.CharField(_("given name"), max_length=200, blank=True)
    birth_date = models.DateField(_("date of birth"))
    attends_school = known(_("attends school"))

    objects = ResidenceQuerySet["Child"].as_manager()

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["person", "birth_date", "id"]

    def __str__(self) -> str:
        return self.given_name or f"{self.birth_date:%d.%m.%Y}"

    def clean(self) -> None:
        check_not_future(birth_date=self.birth_date)


__all__ = [
    "BenefitPeriod",
    "Child",
    "Conviction",
    "EmploymentSpell",
    "LanguageCertificate",
    "ResidenceFacts",
]
