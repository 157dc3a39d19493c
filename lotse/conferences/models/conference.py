from __future__ import annotations

import datetime
from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import Action, VisibleQuerySet, grants_for
from lotse.conferences.choices import ParticipantKind
from lotse.core.categories import DataCategory


class ConferenceQuerySet(VisibleQuerySet["CaseConference"]):
    """A conference is seen only by staff of an organisation that takes part in it,
    and only while that organisation holds a current grant for the case covering
    the conference's data category. So a release withdrawn after the invitation
    hides agenda and minutes at once, like every other read."""

    person_path = "case__person_id"
    case_path = "case_id"

    def visible_to(
        self, user: Any, action: Action = Action.VIEW, *, category: str | None = None
    ) -> Self:
        if action == Action.AUDIT or not (
            user is not None and user.is_authenticated and user.is_active
        ):
            return self.none()
        organisations = user.case_organisation_ids
        if not organisations:
            return self.none()
        wanted = [category] if category is not None else [c.value for c in DataCategory]
        covered = Q(pk__in=[])
        for code in wanted:
            cases = grants_for(user, action, category=code).values("case_id")
            covered |= Q(data_category=code, case_id__in=cases)
        taking_part = ConferenceParticipant.objects.filter(
            organisation_id__in=organisations
        ).values("conference_id")
        return self.filter(covered, pk__in=taking_part)

    def upcoming(self) -> Self:
        return self.filter(starts_at__gte=timezone.now())


class CaseConference(models.Model):
    """A joint case conference ("Fallkonferenz") of the offices working with one person."""

    # Audit default; each conference names the data category it discusses.
    category: ClassVar[str] = DataCategory.CASE_NOTES
    row_category: ClassVar[str | None] = None

    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), on_delete=models.CASCADE, related_name="conferences"
    )
    title = models.CharField(_("occasion"), max_length=200)
    data_category = models.CharField(
        _("data discussed"),
        max_length=20,
        choices=DataCategory.choices,
        help_text=_("Every participating organisation must hold a release for this kind of data."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=60)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), blank=True)
    person_attends = models.BooleanField(_("the person takes part"), default=True)
    interpreter_language = models.CharField(_("interpreter for language"), max_length=3, blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    minutes_recorded_at = models.DateTimeField(_("minutes recorded at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ConferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("case conference")
        verbose_name_plural = _("case conferences")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["case", "-starts_at"], name="conference_case_start")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place="") | ~Q(video_link=""), name="conference_place_or_link"
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15) & Q(duration_minutes__lte=480),
                name="conference_duration_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d})"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class ConferenceParticipant(models.Model):
    conference = models.ForeignKey(
        CaseConference,
        verbose_name=_("case conference"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="conference_participations",
    )
    kind = models.CharField(_("role"), max_length=12, choices=ParticipantKind.choices)
    invited_email = models.EmailField(_("invitation sent to"), blank=True)

    class Meta:
        verbose_name = _("conference participant")
        verbose_name_plural = _("conference participants")
        ordering = ["kind", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organisation"], name="conference_participant_once"
            )
        ]
        indexes = [models.Index(fields=["organisation"], name="conference_participant_org")]

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.conference_id}"


class AgendaItem(models.Model):
    # Minutes of an agenda item are data of the conference's category.
    category: ClassVar[str] = DataCategory.CASE_NOTES

    conference = models.ForeignKey(
        CaseConference,
        verbose_name=_("case conference"),
        on_delete=models.CASCADE,
        related_name="agenda",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("agenda item"), max_length=200)
    minutes = models.TextField(_("minutes"), blank=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "position"], name="agenda_position_once")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Decision(models.Model):
    """What the conference agreed: one organisation does something by a date.

    It becomes a follow-up of that organisation (lotse.deadlines), so it shows in
    its deadline list; whether it was done on time is read from that task.
    """

    category: ClassVar[str] = DataCategory.CASE_NOTES

    conference = models.ForeignKey(
        CaseConference,
        verbose_name=_("case conference"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    text = models.CharField(_("decision"), max_length=200)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_on = models.DateField(_("due on"))
    task = models.OneToOneField(
        "deadlines.Task",
        verbose_name=_("follow-up"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="conference_decision",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text


__all__ = ["AgendaItem", "CaseConference", "ConferenceParticipant", "Decision", "ParticipantKind"]
