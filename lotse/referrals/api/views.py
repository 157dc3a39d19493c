from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.access.visibility import Action
from lotse.audit.log import record_read, record_reads
from lotse.core.api.errors import action_errors
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.serializers import MAX_ID
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.plans.models import Goal, Step
from lotse.referrals.actions import do_move_referral, do_send_referral
from lotse.referrals.api.serializers import (
    HandoverAnswerSerializer,
    HandoverCreateSerializer,
    HandoverSerializer,
    ReferralCreateSerializer,
    ReferralMoveSerializer,
    ReferralSerializer,
)
from lotse.referrals.choices import ReferralStatus
from lotse.referrals.handover import (
    do_answer_handover,
    do_cancel_handover,
    do_request_handover,
)
from lotse.referrals.models import CaseHandover, Referral
from lotse.referrals.views.common import shown_rows


class ReferralFilterSerializer(serializers.Serializer):
    box = serializers.ChoiceField(
        choices=[("all", _("all")), ("inbox", _("inbox")), ("sent", _("sent"))],
        required=False,
        default="all",
        help_text=_("inbox: addressed to your organisations; sent: from cases you may change."),
    )
    status = serializers.ChoiceField(choices=ReferralStatus.choices, required=False)
    case = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


def _shown(user: Any, referral: Referral) -> Any:
    return shown_rows(user, [referral])[0]


@extend_schema(tags=["referrals"])
class ReferralViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = ReferralSerializer

    def get_queryset(self) -> QuerySet[Referral]:
        if self.for_schema:
            return Referral.objects.none()
        return Referral.objects.visible_to(self.request.user).select_related(
            "case",
            "person",
            "consent",
            "sender_organisation",
            "recipient_organisation",
        )

    def _answer(self, referral: Referral, status_code: int = 200) -> Response:
        shown = _shown(self.request.user, referral)
        record_read(
            self.request.user,
            person_id=referral.person_id,
            case_id=referral.case_id,
            categories=shown.audited,
            object_type="referrals.referral",
            object_id=referral.pk,
        )
        return Response(ReferralSerializer(shown).data, status=status_code)

    @extend_schema(
        summary="Referrals you sent or received",
        parameters=[ReferralFilterSerializer],
        responses={200: ReferralSerializer(many=True), **errors(400), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        filters = ReferralFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        wanted = filters.validated_data
        user: Any = request.user
        queryset = self.get_queryset()
        if wanted["box"] == "inbox":
            queryset = queryset.filter(recipient_organisation_id__in=user.case_organisation_ids)
        elif wanted["box"] == "sent":
            queryset = Referral.objects.visible_to(user, Action.CHANGE).select_related(
                "case", "person", "consent", "sender_organisation", "recipient_organisation"
            )
        if "status" in wanted:
            queryset = queryset.filter(status=wanted["status"])
        if "case" in wanted:
            queryset = queryset.filter(case_id=wanted["case"])
        page = self.paginate_queryset(queryset.order_by("-sent_at", "-id")) or []
        rows = shown_rows(user, list(page))
        record_reads(
            user,
            [(r.referral.person_id, r.referral.case_id, r.audited) for r in rows],
            object_type="referrals.referral",
        )
        return self.get_paginated_response(ReferralSerializer(rows, many=True).data)

    @extend_schema(
        summary="One referral, with what was released to you",
        responses={200: ReferralSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return self._answer(self.get_object())

    @extend_schema(
        summary="Send a referral",
        description=(
            "Refused (400, nothing sent) unless a release in force names the receiver and "
            "covers every category sent. The same idempotency_key returns the first referral."
        ),
        request=ReferralCreateSerializer,
        responses={
            201: ReferralSerializer,
            200: ReferralSerializer,
            **errors(400, 403, 415),
        },
    )
    def create(self, request: Request) -> Response:
        user: Any = request.user
        if not user.case_organisation_ids:
            raise exceptions.PermissionDenied(_("Only case staff can send referrals."))
        serializer = ReferralCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        case = data.pop("case")
        goal = step = None
        if data.get("goal"):
            goal = (
                Goal.objects.visible_to(user, Action.CHANGE)
                .filter(case=case, pk=data["goal"])
                .first()
            )
            if goal is None:
                raise exceptions.ValidationError({"goal": [_("No such goal in this case.")]})
        if data.get("step"):
            step = (
                Step.objects.visible_to(user, Action.CHANGE)
                .filter(case=case, pk=data["step"])
                .first()
            )
            if step is None:
                raise exceptions.ValidationError({"step": [_("No such step in this case.")]})
        with action_errors():
            referral, created = do_send_referral(
                user,
                case,
                request=data["request"],
                categories=data["categories"],
                idempotency_key=data["idempotency_key"],
                recipient=data.get("recipient"),
                service=data.get("service"),
                goal=goal,
                step=step,
                urgency=data["urgency"],
                due_on=data.get("due_on"),
            )
        return self._answer(referral, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        summary="Move a referral to its next state",
        description=(
            "The receiver accepts, declines (with reason), starts, completes or reports it "
            "not taken up (with reason); the sender withdraws it. A withdrawn referral "
            "cannot be answered (400); an old version answers 409."
        ),
        request=ReferralMoveSerializer,
        responses={200: ReferralSerializer, **errors(400, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def move(self, request: Request, pk: Any = None) -> Response:
        referral = self.get_object()
        serializer = ReferralMoveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with action_errors():
            moved = do_move_referral(
                request.user,
                referral,
                data["to"],
                reason=data["reason"],
                expected_version=data["expected_version"],
            )
        return self._answer(self.get_queryset().get(pk=moved.pk))


@extend_schema(tags=["referrals"])
class HandoverViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = HandoverSerializer

    def get_queryset(self) -> QuerySet[CaseHandover]:
        if self.for_schema:
            return CaseHandover.objects.none()
        return CaseHandover.objects.visible_to(self.request.user).select_related(
            "from_organisation", "to_organisation"
        )

    @extend_schema(
        summary="Hand-overs of your cases and to your organisations",
        responses={200: HandoverSerializer(many=True), **page_errors()},
    )
    def list(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset().order_by("-requested_at", "-id")) or []
        return self.get_paginated_response(HandoverSerializer(page, many=True).data)

    @extend_schema(summary="One hand-over", responses={200: HandoverSerializer, **errors(404)})
    def retrieve(self, request: Request, pk: Any = None) -> Response:
        return Response(HandoverSerializer(self.get_object()).data)

    @extend_schema(
        summary="Ask another organisation to take a case over",
        description="Ownership moves only when the receiving organisation accepts.",
        request=HandoverCreateSerializer,
        responses={201: HandoverSerializer, **errors(400, 403, 415)},
    )
    def create(self, request: Request) -> Response:
        user: Any = request.user
        if not user.case_organisation_ids:
            raise exceptions.PermissionDenied(_("Only case staff can hand cases over."))
        serializer = HandoverCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with action_errors():
            handover = do_request_handover(
                user, data["case"], data["to_organisation"], note=data["note"]
            )
        return Response(HandoverSerializer(handover).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Accept or decline a hand-over",
        description="Only the organisation asked to take over answers; declining needs a reason.",
        request=HandoverAnswerSerializer,
        responses={200: HandoverSerializer, **errors(400, 403, 404, 415)},
    )
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: Any = None) -> Response:
        handover = self.get_object()
        user: Any = request.user
        if handover.to_organisation_id not in user.case_organisation_ids:
            raise exceptions.PermissionDenied(_("Only the organisation asked can answer."))
        serializer = HandoverAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with action_errors():
            done = do_answer_handover(
                user,
                handover,
                accept=serializer.validated_data["accept"],
                reason=serializer.validated_data["reason"],
            )
        return Response(HandoverSerializer(done).data)

    @extend_schema(
        summary="Cancel a hand-over request that is still waiting for an answer",
        description="Only the requesting owner's case staff; the receiver's inbox no longer "
        "shows it. An answered hand-over cannot be cancelled (400). The body is "
        "ignored: cancelling takes no fields.",
        request=OpenApiTypes.OBJECT,
        responses={200: HandoverSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: Any = None) -> Response:
        # DRF's lookup: a malformed id is a 404 like an unknown one, not a 500.
        handover = generics.get_object_or_404(
            CaseHandover.objects.visible_to(request.user, Action.CHANGE), pk=pk
        )
        with action_errors():
            done = do_cancel_handover(request.user, handover)
        return Response(HandoverSerializer(done).data)
