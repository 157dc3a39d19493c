"""Outreach campaigns: a target group informed by personal letters, and who was reached."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import VisibleQuerySet
from lotse.contacts.choices import JobStatus
from lotse.core.categories import DataCategory
from lotse.outreach.choices import Channel


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def of_user(self, user: Any) -> CampaignQuerySet:
        """A campaign is its organisation's work: its case staff follow it. Which
        recipients each of them sees is decided per person (CampaignRecipient)."""
        if not (user is not None and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(organisation_id__in=user.case_organisation_ids)


class Campaign(models.Model):
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    group = models.CharField(_("target group"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    follow_up_days = models.PositiveSmallIntegerField(_("follow up after (days)"), default=14)
    # {language: version of its letter text}: which text the letters were made from.
    letter_versions = models.JSONField(_("letter template versions"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_on = models.DateField(_("created on"), auto_now_add=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("outreach campaign")
        verbose_name_plural = _("outreach campaigns")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="campaign_org")]

    def __str__(self) -> str:
        return self.title


class RecipientQuerySet(VisibleQuerySet["CampaignRecipient"]):
    person_path = "person_id"


class CampaignRecipient(models.Model):
    """One person of the campaign: being in a residence target group is residence data."""

    category: ClassVar[str] = DataCategory.RESIDENCE

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="recipients"
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    letter_language = models.CharField(_("letter language"), max_length=3, default="de")
    informed_on = models.DateField(_("informed on"), null=True, blank=True)
    channel = models.CharField(_("informed by"), max_length=10, choices=Channel.choices, blank=True)
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up = models.OneToOneField(
        "deadlines.Task",
        verbose_name=_("follow-up task"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_recipient",
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign recipient")
        verbose_name_plural = _("campaign recipients")
        ordering = ["campaign", "id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="campaign_person_once"),
            models.CheckConstraint(
                condition=models.Q(informed_on__isnull=True, channel="")
                | (models.Q(informed_on__isnull=False) & ~models.Q(channel="")),
                name="campaign_informed_with_channel",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.person_id}"


class LetterPrintQuerySet(models.QuerySet["LetterPrint"]):
    def of_user(self, user: Any) -> LetterPrintQuerySet:
        # The combined PDF holds what its starter could see: only they fetch it.
        if not (user is not None and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(started_by=user)


class LetterPrint(models.Model):
    """A background job rendering all letters of a campaign into one PDF for printing.

    The PDF is stored Fernet-encrypted like case documents (lotse.contacts.storage).
    """

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="prints"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_ids = models.JSONField(_("recipients"), default=list)
    total = models.PositiveIntegerField(_("letters"), default=0)
    done = models.PositiveIntegerField(_("letters rendered"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    stored_name = models.CharField(_("stored as"), max_length=64, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = LetterPrintQuerySet.as_manager()

    class Meta:
        verbose_name = _("letter print")
        verbose_name_plural = _("letter prints")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.done}/{self.total}"

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
