"""/api/v1/conferences/: the UI's visibility, audit and release check."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.access.visibility import Action
from lotse.audit.log import record_reads
from lotse.conferences.actions import (
    do_record_decision,
    do_record_minutes,
    do_schedule_conference,
)
from lotse.conferences.api.serializers import (
    AttendanceSerializer,
    AttendeeCreateSerializer,
    AttendeeSerializer,
    AttendeesSerializer,
    ConferenceCreateSerializer,
    ConferenceSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    MinutesSerializer,
    MinutesUpdateSerializer,
)
from lotse.conferences.attendees import do_add_attendee, do_record_attendance
from lotse.conferences.models import AgendaItem, CaseConference
from lotse.core.api.errors import action_errors
from lotse.core.api.parsers import TextJSONParser
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.network.models import Organisation
from lotse.people.models import Person


@extend_schema(tags=["conferences"])
class ConferenceViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = ConferenceSerializer
    parser_classes = [TextJSONParser]

    def get_queryset(self) -> QuerySet[CaseConference]:
        if self.for_schema:
            return CaseConference.objects.none()
        return (
            CaseConference.objects.visible_to(self.request.user)
            .select_related("case")
            .prefetch_related(
                "participants", "agenda", "decisions__task", "further_cases__case", "attendees"
            )
        )

    @extend_schema(
        summary="Case conferences your organisation takes part in, under a current release",
        responses={200: ConferenceSerializer(many=True), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset().order_by("-starts_at", "-id")) or []
        record_reads(
            request.user,
            [(case.person_id, case.pk, (c.data_category,)) for c in page for case in c.all_cases()],
            object_type="conferences.caseconference",
        )
        return self.get_paginated_response(ConferenceSerializer(page, many=True).data)

    @extend_schema(
        summary="One case conference with agenda, minutes and decisions",
        responses={200: ConferenceSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        conference = self.get_object()
        self._audit_read(conference)
        return Response(ConferenceSerializer(conference).data)

    def _audit_read(self, conference: CaseConference) -> None:
        record_reads(
            self.request.user,
            [(c.person_id, c.pk, (conference.data_category,)) for c in conference.all_cases()],
            object_type="conferences.caseconference",
        )

    def _changeable(self, conference: CaseConference) -> None:
        """Participants read the conference; only the organiser changes it (403)."""
        changeable = CaseConference.objects.visible_to(self.request.user, Action.CHANGE)
        if not changeable.filter(pk=conference.pk).exists():
            self.require_change(conference.case.person_id, conference.case_id)
            # Owner of the lead case, yet not of every further case: still refused.
            raise exceptions.PermissionDenied(_("You may read this, but not change it."))

    @extend_schema(
        summary="Schedule a case conference and send the invitations",
        description="Refused (400, nothing stored or sent) when an invited organisation "
        "holds no current release of the person for the data discussed.",
        request=ConferenceCreateSerializer,
        responses={201: ConferenceSerializer, **errors(400, 415)},
    )
    def create(self, request: Request) -> Response:
        serializer = ConferenceCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        with action_errors():
            conference = do_schedule_conference(request.user, case, **data)
        conference = self.get_queryset().get(pk=conference.pk)
        return Response(ConferenceSerializer(conference).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record a decision; it becomes a follow-up of the responsible organisation",
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def decisions(self, request: Request, pk: Any = None) -> Response:
        conference = self.get_object()
        self._changeable(conference)
        serializer = DecisionCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        item_id = data.pop("agenda_item", None)
        item = AgendaItem.objects.filter(conference=conference, pk=item_id).first()
        if item_id is not None and item is None:
            raise serializers.ValidationError(
                {"agenda_item": [_("The agenda item belongs to another conference.")]}
            )
        data["agenda_item"] = item
        case_id = data.pop("case", None)
        if case_id is not None:
            cases = {c.pk: c for c in conference.all_cases()}
            if case_id not in cases:
                raise serializers.ValidationError(
                    {"case": [_("The case is not one of the conference's cases.")]}
                )
            data["case"] = cases[case_id]
        with action_errors():
            decision = do_record_decision(request.user, conference, **data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Add an individual participant (the person, an interpreter, a staff member)",
        description="An invitation without personal data goes to the e-mail address, if "
        "one is given and the conference is still ahead. A staff member's organisation "
        "must take part and be covered by every case's release.",
        request=AttendeeCreateSerializer,
        responses={201: AttendeeSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def attendees(self, request: Request, pk: Any = None) -> Response:
        conference = self.get_object()
        self._changeable(conference)
        serializer = AttendeeCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        # Ids outside the conference are the action's refusal (person, organisation).
        person_id = data.pop("person", None)
        data["person"] = (
            Person.objects.filter(
                pk=person_id, pk__in=[c.person_id for c in conference.all_cases()]
            ).first()
            if person_id is not None
            else None
        )
        if person_id is not None and data["person"] is None:
            raise serializers.ValidationError(
                {"person": [_("Choose the person of one of the conference's cases.")]}
            )
        organisation_id = data.pop("organisation", None)
        data["organisation"] = (
            Organisation.objects.filter(pk=organisation_id).first()
            if organisation_id is not None
            else None
        )
        with action_errors():
            attendee = do_add_attendee(request.user, conference, **data)
        return Response(AttendeeSerializer(attendee).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Record who attended",
        request=AttendanceSerializer,
        responses={200: AttendeesSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: Any = None) -> Response:
        conference = self.get_object()
        self._changeable(conference)
        serializer = AttendanceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        entries = {e["id"]: e["attendance"] for e in serializer.validated_data["attendees"]}
        with action_errors():
            do_record_attendance(request.user, conference, entries)
        attendees = conference.attendees.order_by("role", "id")
        return Response(AttendeesSerializer({"attendees": attendees}).data)

    @extend_schema(
        methods=["GET"],
        summary="The minutes per agenda item, with each item's version",
        responses={200: MinutesSerializer, **errors(404)},
    )
    @extend_schema(
        methods=["PATCH"],
        summary="Write the minutes of agenda items",
        description="Each item carries the version it was read at; if someone saved it "
        "in between, nothing is saved (409). Only the organiser writes; once the "
        "conference has begun.",
        request=MinutesUpdateSerializer,
        responses={200: MinutesSerializer, **errors(400, 403, 404, 409, 415)},
    )
    @action(detail=True, methods=["get", "patch"])
    def minutes(self, request: Request, pk: Any = None) -> Response:
        conference = self.get_object()
        if request.method == "PATCH":
            self._changeable(conference)
            serializer = MinutesUpdateSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = serializer.validated_data
            items = data["items"]
            if len({i["id"] for i in items}) != len(items):
                raise serializers.ValidationError({"items": [_("Name each agenda item once.")]})
            with action_errors():
                do_record_minutes(
                    request.user,
                    conference,
                    minutes={i["id"]: i["minutes"] for i in items},
                    expected_versions={i["id"]: i["expected_version"] for i in items},
                    next_review_on=data.get("next_review_on"),
                    keep_review_date="next_review_on" not in data,
                )
            conference.refresh_from_db()
        self._audit_read(conference)
        return Response(
            MinutesSerializer(
                {
                    "next_review_on": conference.next_review_on,
                    "items": conference.agenda.order_by("position"),
                }
            ).data
        )
