from __future__ import annotations

import datetime
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.access.visibility import (
    Action,
    RowCategoryBit,
    VisibleQuerySet,
    case_pk,
    held_for_rows,
)
from lotse.conferences.choices import Attendance, AttendeeRole, ParticipantKind
from lotse.core.categories import DataCategory


def _columns(model: type[models.Model], *fields_and_quote: Any) -> tuple[str, ...]:
    """A model's quoted table name, then its fields' quoted columns."""
    *fields, quote = fields_and_quote
    return (quote(model._meta.db_table), *(quote(_column(model, name)) for name in fields))


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is no column")
    return str(field.column)


class _OfCase(models.Func):
    """`id` is a conference of case `case_id`: scheduled from it, or a family's
    conference it is a further case of. What `Q(case_id=...) | Q(pk__in=<the
    case's ConferenceCase rows>)` says, written as one fragment: the ORM's
    subquery cost some 700 Python calls to build and compile on every case page."""

    output_field = models.BooleanField()

    def __init__(self, case_id: int) -> None:
        super().__init__(models.F("pk"), models.F("case_id"))
        self.case_id = case_id

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:  # type: ignore[override]
        (pk, pk_params), (case, case_params) = (
            compiler.compile(e) for e in self.source_expressions
        )
        quote = connection.ops.quote_name
        table, conference, case_column = _columns(ConferenceCase, "conference", "case", quote)
        sql = (
            f"({case} = %s OR {pk} IN (SELECT of_case.{conference} "  # noqa: S608
            f"FROM {table} of_case WHERE of_case.{case_column} = %s))"
        )
        return sql, (*case_params, self.case_id, *pk_params, self.case_id)


class _Shown(models.Func):
    """Who sees a conference (ConferenceQuerySet.visible_to), as one fragment:

        <held>
        AND id IN (SELECT conference_id FROM participants WHERE organisation_id IN (...))
        AND NOT EXISTS (SELECT 1 FROM further cases WHERE conference_id = id
                        AND NOT <held for the further case>)

    `held` and `further_held` are held_for_rows() checks; the latter reads its case
    from the further case's row (`further_cases.case_id`). Spelled with the ORM
    (a filter on `held`, a `pk__in` subquery and an excluded Exists over an
    OuterRef to an alias) the same condition cost some 6,000 Python calls to build
    and compile on every case page, most of them for a case without conferences.
    When no grant can match (no organisation), `held` raises EmptyResultSet: the
    whole condition is false (and true under a negation), never a wider one.
    """

    output_field = models.BooleanField()
    further_alias = "further_cases"

    def __init__(self, held: Any, further_held: Any, organisations: list[int]) -> None:
        super().__init__(models.F("pk"), held, further_held)
        self.organisations = list(organisations)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, Any]:  # type: ignore[override]
        if not self.organisations:
            raise EmptyResultSet
        pk_expression, held_expression, further_expression = self.source_expressions
        # `held` first: with no grant to match it raises EmptyResultSet for the whole.
        held, held_params = compiler.compile(held_expression)
        further_held, further_params = compiler.compile(further_expression)
        pk, pk_params = compiler.compile(pk_expression)
        quote = connection.ops.quote_name
        participants, taking_part_conference, organisation = _columns(
            ConferenceParticipant, "conference", "organisation", quote
        )
        further_cases, further_conference, _case = _columns(
            ConferenceCase, "conference", "case", quote
        )
        alias = self.further_alias
        placeholders = ", ".join(["%s"] * len(self.organisations))
        # Every fragment is compiled by Django or named by the models' _meta.
        sql = (
            f"({held} AND {pk} IN (SELECT taking_part.{taking_part_conference} "  # noqa: S608
            f"FROM {participants} taking_part WHERE taking_part.{organisation} IN ({placeholders})) "
            f"AND NOT EXISTS (SELECT 1 FROM {further_cases} {alias} "
            f"WHERE {alias}.{further_conference} = {pk} AND NOT {further_held}))"
        )
        params = (
            *held_params,
            *pk_params,
            *self.organisations,
            *pk_params,
            *further_params,
        )
        return sql, params


def shown_to(
    user: Any, action: Action, category: str | None, organisations: list[int], *, using: str
) -> _Shown:
    """The condition of ConferenceQuerySet.visible_to: `user` (acting through
    `organisations`, their case organisations) may see the conference."""
    wanted = [category] if category is not None else [c.value for c in DataCategory]
    # One correlated EXISTS per row: a current grant of the user's organisations
    # for the row's case holding the row's category (one lookup on grant_org_case).
    # One hashed subplan per category instead read every grant of the
    # organisation eleven times: 2.3 s on a start page at 1M persons. The
    # grants' query is compiled once a request (held_for_rows).
    row_bit = RowCategoryBit("data_category", wanted)
    held = held_for_rows(user, action, row_bit, using=using)
    # A conference of several cases (a family) shows minutes about all of them:
    # the release of every further case's person must cover the reader too.
    # Correlated like `held`, so it costs an index probe per conference and
    # nothing for conferences without further cases.
    quote = connections[using].ops.quote_name
    further_case = RawSQL(  # noqa: S611 (an alias and a column named by _meta)
        f"{_Shown.further_alias}.{quote(_column(ConferenceCase, 'case'))}",
        (),
        output_field=models.IntegerField(),
    )
    further_held = held_for_rows(user, action, row_bit, using=using, case_column=further_case)
    return _Shown(held, further_held, organisations)


class ConferenceQuerySet(VisibleQuerySet["CaseConference"]):
    """A conference is seen only by staff of an organisation that takes part in it,
    and only while that organisation holds a current grant for the case covering
    the conference's data category. So a release withdrawn after the invitation
    hides agenda and minutes at once, like every other read."""

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
        if action == Action.AUDIT or not (
            user is not None and user.is_authenticated and user.is_active
        ):
            return self.none()
        organisations = user.case_organisation_ids
        if not organisations:
            return self.none()
        return rows.filter(shown_to(user, action, category, organisations, using=self.db))

    def of_case(self, case: Any) -> Self:
        """The conferences of one case: scheduled from it, or a family's conference
        it is a further case of."""
        if case is None:
            return self
        return self.filter(_OfCase(case_pk(case)))

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

    def all_cases(self) -> list[Any]:
        """The case it was scheduled from first, then the further cases it concerns."""
        links = self.further_cases.all()
        if "further_cases" not in getattr(self, "_prefetched_objects_cache", {}):
            # Not prefetched with a list of conferences: one query with the persons.
            links = links.select_related("case__person")
        return [self.case, *(link.case for link in links)]


class ConferenceCase(models.Model):
    """A further case the conference concerns, beside the one it was scheduled from:
    a family's conference discusses the cases of several household members."""

    conference = models.ForeignKey(
        CaseConference,
        verbose_name=_("case conference"),
        on_delete=models.CASCADE,
        related_name="further_cases",
    )
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="further_conferences",
    )

    class Meta:
        verbose_name = _("further case of a conference")
        verbose_name_plural = _("further cases of a conference")
        constraints = [
            models.UniqueConstraint(fields=["conference", "case"], name="conference_case_once")
        ]
        indexes = [models.Index(fields=["case"], name="conference_further_case")]

    def __str__(self) -> str:
        return f"{self.case_id} @ {self.conference_id}"


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
    # Optimistic locking of the minutes: two writers cannot overwrite each other.
    version = models.PositiveIntegerField(_("version"), default=1)

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
    # The case whose task it becomes; empty on decisions from before conferences
    # had several cases: then the conference's own case.
    case = models.ForeignKey(
        "cases.Case",
        verbose_name=_("case"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
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

    @property
    def task_case_id(self) -> int:
        return self.case_id or self.conference.case_id


class ConferenceAttendee(models.Model):
    """One individual taking part: the person, an interpreter, or a named staff
    member of a participating organisation; with whether they attended."""

    category: ClassVar[str] = DataCategory.CASE_NOTES

    conference = models.ForeignKey(
        CaseConference,
        verbose_name=_("case conference"),
        on_delete=models.CASCADE,
        related_name="attendees",
    )
    role = models.CharField(_("role"), max_length=12, choices=AttendeeRole.choices)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=3, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.INVITED
    )
    invited_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conference attendee")
        verbose_name_plural = _("conference attendees")
        ordering = ["role", "id"]
        constraints = [
            # The person is known by their record, everyone else by name.
            models.CheckConstraint(
                condition=(Q(role="person") & Q(person__isnull=False))
                | (~Q(role="person") & Q(person__isnull=True) & ~Q(name="")),
                name="attendee_person_or_name",
            ),
            models.CheckConstraint(
                condition=~Q(role="staff") | Q(organisation__isnull=False),
                name="attendee_staff_organisation",
            ),
            models.UniqueConstraint(
                fields=["conference", "person"],
                condition=Q(person__isnull=False),
                name="attendee_person_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {self.conference_id}"


__all__ = [
    "AgendaItem",
    "CaseConference",
    "ConferenceAttendee",
    "ConferenceCase",
    "ConferenceParticipant",
    "Decision",
    "ParticipantKind",
]
