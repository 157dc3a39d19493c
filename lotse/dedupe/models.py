"""Pairs of person records that may be the same person, and the merges made of them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CandidateStatus(models.TextChoices):
    OPEN = "open", _("open")
    MERGED = "merged", _("merged")
    DISTINCT = "distinct", _("not the same person")


class DuplicateCandidate(models.Model):
    """Two records the linkage found alike; a reviewer merges them or keeps them apart.

    The pair is stored in id order (person_a < person_b) and unique, so a pair
    decided "not the same person" is never proposed again.
    """

    person_a = models.ForeignKey(
        "people.Person",
        verbose_name=_("first person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    person_b = models.ForeignKey(
        "people.Person",
        verbose_name=_("second person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    score = models.FloatField(_("match probability"))
    # The comparison as the linkage saw it (which fields agreed), for the reviewer.
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.OPEN
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("duplicate candidate")
        verbose_name_plural = _("duplicate candidates")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="candidate_pair_unique"),
            models.CheckConstraint(
                condition=Q(person_a__lt=F("person_b")), name="candidate_pair_ordered"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="candidate_score_range"
            ),
        ]
        indexes = [models.Index(fields=["status", "-score"], name="candidate_queue")]

    def __str__(self) -> str:
        return f"{self.person_a_id} ~ {self.person_b_id} ({self.score:.2f})"


class MergeRecord(models.Model):
    """One merge: which rows moved from the merged-away person to the survivor.

    `moved` maps "app_label.model.field" to the ids of the rows whose field
    was repointed, so that undo moves back exactly those rows and nothing else.
    """

    candidate = models.ForeignKey(
        DuplicateCandidate,
        verbose_name=_("duplicate candidate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merges",
    )
    survivor = models.ForeignKey(
        "people.Person",
        verbose_name=_("surviving person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    merged = models.ForeignKey(
        "people.Person",
        verbose_name=_("merged person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    moved = models.JSONField(_("moved rows"), default=dict)
    # The merged person's own name, added to the survivor as a spelling.
    added_spelling_id = models.BigIntegerField(_("added spelling"), null=True, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged at"))
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        ordering = ["-merged_at", "-id"]
        constraints = [
            # A person is merged away at most once at a time.
            models.UniqueConstraint(
                fields=["merged"],
                condition=Q(undone_at__isnull=True),
                name="merge_one_active_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(survivor=F("merged")), name="merge_not_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.survivor_id}"
