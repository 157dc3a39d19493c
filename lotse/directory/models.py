"""The district's service directory (Angebote): what exists, where, for whom, with what wait.

Services are public information about providers, not personal data: every
signed-in user may read them; only the provider's own staff (and
administrators) maintain an entry.
"""

from __future__ import annotations

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A service not verified for this long is flagged as stale (issue 5).
STALE_AFTER = datetime.timedelta(days=183)
# Explicit bounds: the database's own integer ranges differ between SQLite and
# PostgreSQL, and the API schema must not change with the backend.
MAX_PLACES = 100_000
MAX_WAITING_WEEKS = 520
LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


class ServiceKind(models.TextChoices):
    LANGUAGE_COURSE = "language_course", _("Language course")
    INTEGRATION_COURSE = "integration_course", _("Integration course")
    MIGRATION_COUNSELLING = "migration_counselling", _("Migration counselling for adults (MBE)")
    YOUTH_MIGRATION = "youth_migration", _("Youth migration service (JMD)")
    SCHOOL_PLACEMENT = "school_placement", _("School placement / international classes")
    DAY_CARE = "day_care", _("Day care")
    HEALTH = "health", _("Health and psychosocial care")
    RECOGNITION = "recognition", _("Recognition counselling")
    JOB_COACHING = "job_coaching", _("Job coaching")
    HOUSING = "housing", _("Housing help")
    LEGAL_ADVICE = "legal_advice", _("Legal advice")
    MENTORING = "mentoring", _("Volunteer mentoring")
    OTHER = "other", _("Other")


class ServiceQuerySet(models.QuerySet["Service"]):
    def active(self) -> ServiceQuerySet:
        return self.filter(active=True)

    def stale(self, today: datetime.date | None = None) -> ServiceQuerySet:
        limit = (today or timezone.localdate()) - STALE_AFTER
        return self.filter(models.Q(last_verified_on__lt=limit) | models.Q(last_verified_on=None))


class Service(models.Model):
    provider = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=40, choices=ServiceKind.choices)
    description = models.TextField(_("description"), blank=True)
    life_areas = models.ManyToManyField(
        "cases.LifeArea", verbose_name=_("life areas"), related_name="services", blank=True
    )
    target_groups = models.CharField(_("target groups"), max_length=300, blank=True)
    eligibility = models.TextField(_("eligibility notes"), blank=True)
    # Comma-separated ISO 639 codes, e.g. "de,ar,uk".
    languages = models.CharField(_("languages offered"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places in all"), null=True, blank=True, validators=[MaxValueValidator(MAX_PLACES)]
    )
    free_places = models.PositiveIntegerField(
        _("free places"), null=True, blank=True, validators=[MaxValueValidator(MAX_PLACES)]
    )
    waiting_weeks = models.PositiveSmallIntegerField(
        _("current waiting time (weeks)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_WAITING_WEEKS)],
    )
    last_verified_on = models.DateField(_("last verified on"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["kind", "active"], name="service_kind_active"),
            # The list's filters: free places and the stale flag.
            models.Index(fields=["free_places"], name="service_free_places"),
            models.Index(fields=["last_verified_on"], name="service_last_verified"),
            # The list's order: a broad filter reads the first page in order, no sort.
            models.Index(fields=["name", "id"], name="service_name_order"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    def is_stale(self, today: datetime.date | None = None) -> bool:
        if self.last_verified_on is None:
            return True
        return self.last_verified_on < (today or timezone.localdate()) - STALE_AFTER


class ServiceLocation(models.Model):
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="locations"
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    place = models.CharField(_("place"), max_length=100)
    # Coordinates for distances only (no map tiles): WGS84 degrees.
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True, validators=LATITUDE
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True, validators=LONGITUDE
    )
    accessibility = models.CharField(_("accessibility"), max_length=300, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["place", "street", "id"]
        indexes = [
            # The place filter compares whole names in any case: UPPER(place) = UPPER(%s).
            models.Index(Upper("place"), name="location_place_upper"),
            models.Index(fields=["postcode"], name="location_postcode"),
        ]

    def __str__(self) -> str:
        return ", ".join(
            part for part in (self.street, f"{self.postcode} {self.place}".strip()) if part
        )


class PostcodeArea(models.Model):
    """The centroid of a postcode area: where a person's address lies when only
    its postcode is known. Distances are measured as the crow flies between such
    a centroid and a location (its coordinates, else its own postcode's centroid):
    an estimate for "how far", not a route. Filled by `lotse directory postcodes`
    from a CSV (e.g. an open postcode dataset) and, for synthetic districts, by synth.
    """

    postcode = models.CharField(_("postcode"), max_length=10, unique=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        ordering = ["postcode"]

    def __str__(self) -> str:
        return f"{self.postcode} {self.place}".strip()
