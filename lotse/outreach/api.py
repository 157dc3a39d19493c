"""/api/v1/outreach/...: campaigns with the same rules as their pages.

A campaign is visible to the case staff of its organisation; its recipients
only where the reader holds the person's residence category.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.access.visibility import categories_for_cases
from lotse.audit.log import record_reads
from lotse.contacts import storage
from lotse.contacts.choices import JobStatus
from lotse.core.api.errors import action_errors
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.serializers import MAX_ID
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import DataCategory
from lotse.network.models import Organisation
from lotse.outreach.access import recipients_of
from lotse.outreach.actions import (
    MAX_FOLLOW_UP_DAYS,
    do_create_campaign,
    do_record_informed,
    do_start_print,
)
from lotse.outreach.choices import Channel
from lotse.outreach.letters import letters_for, pdf_response, record_exports, render_pdf
from lotse.outreach.models import Campaign, CampaignRecipient, LetterPrint
from lotse.people.models import Person
from lotse.residence.groups import GROUPS

RESIDENCE = DataCategory.RESIDENCE.value
IDENTITY = DataCategory.IDENTITY.value
PDF_ANSWER = {(200, "application/pdf"): OpenApiResponse(response=OpenApiTypes.BINARY)}


def _json_errors(*codes: int) -> dict[Any, OpenApiResponse]:
    return {(code, "application/json"): answer for code, answer in errors(*codes).items()}


class RecipientSerializer(serializers.ModelSerializer):
    channel = serializers.ChoiceField(
        choices=Channel.choices, allow_blank=True, read_only=True, help_text="Empty until informed."
    )
    follow_up_due = serializers.DateField(source="follow_up.due_on", allow_null=True, default=None)

    class Meta:
        model = CampaignRecipient
        fields = [
            "id",
            "person",
            "letter_language",
            "informed_on",
            "channel",
            "follow_up",
            "follow_up_due",
            "version",
        ]
        read_only_fields = fields


class CampaignSerializer(serializers.ModelSerializer):
    class Meta:
        model = Campaign
        fields = [
            "id",
            "organisation",
            "group",
            "title",
            "follow_up_days",
            "letter_versions",
            "created_by",
            "created_on",
        ]
        read_only_fields = fields


class CampaignDetailSerializer(CampaignSerializer):
    recipients = serializers.SerializerMethodField()

    class Meta(CampaignSerializer.Meta):
        fields = [*CampaignSerializer.Meta.fields, "recipients"]
        read_only_fields = fields

    @extend_schema_field(RecipientSerializer(many=True))
    def get_recipients(self, campaign: Campaign) -> list[dict[str, Any]]:
        # Passed in by the view: only the recipients the reader may see.
        rows = self.context["recipients"]
        return list(RecipientSerializer(rows, many=True).data)


class LetterSerializer(RecipientSerializer):
    """One recipient's letter and whether (when, how, by whom) the person was informed."""

    name = serializers.SerializerMethodField(
        help_text="The person's name; null without the identity category."
    )
    informed_by = serializers.SerializerMethodField(help_text="Who recorded it; null until then.")

    class Meta(RecipientSerializer.Meta):
        fields = [*RecipientSerializer.Meta.fields, "name", "informed_by"]
        read_only_fields = fields

    def get_name(self, recipient: CampaignRecipient) -> str | None:
        person = self.context["named"].get(recipient.person_id)
        return person.display_name if person is not None else None

    def get_informed_by(self, recipient: CampaignRecipient) -> str | None:
        user = recipient.informed_by
        return user.get_full_name() or user.username if user is not None else None


class LetterFilterSerializer(serializers.Serializer):
    informed = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: only those informed; false: only those not yet informed.",
    )


class LetterPrintSerializer(serializers.ModelSerializer):
    # "state", not "status": one name per enum in the schema (as bulk closures).
    state = serializers.ChoiceField(choices=JobStatus.choices, source="status", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    ready = serializers.SerializerMethodField(help_text="Whether the combined PDF can be fetched.")

    class Meta:
        model = LetterPrint
        fields = [
            "id",
            "campaign",
            "state",
            "total",
            "done",
            "percent",
            "ready",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_ready(self, job: LetterPrint) -> bool:
        return job.status == JobStatus.DONE and bool(job.stored_name)


class PrintStartSerializer(serializers.Serializer):
    not_informed_only = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Only the letters of persons not yet recorded as informed.",
    )


class CampaignStartSerializer(serializers.Serializer):
    group = serializers.ChoiceField(choices=list(GROUPS))
    title = serializers.CharField(max_length=200)
    organisation = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    follow_up_days = serializers.IntegerField(
        min_value=1, max_value=MAX_FOLLOW_UP_DAYS, required=False, default=14
    )
    filter_organisation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    filter_manager = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class InformedSerializer(serializers.Serializer):
    informed_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    expected_version = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)


@extend_schema(tags=["outreach"])
class CampaignViewSet(
    LotseViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = CampaignSerializer

    def get_queryset(self) -> QuerySet[Campaign]:
        if self.for_schema:
            return Campaign.objects.none()
        return Campaign.objects.of_user(self.request.user)

    @extend_schema(
        summary="Campaigns of your organisations",
        responses={200: CampaignSerializer(many=True), **page_errors()},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="One campaign with the recipients whose residence category you hold",
        responses={200: CampaignDetailSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        campaign = self.get_object()
        recipients = list(recipients_of(request.user, campaign).select_related("follow_up"))
        record_reads(request.user, [(r.person_id, None, {RESIDENCE}) for r in recipients])
        data = CampaignDetailSerializer(campaign, context={"recipients": recipients}).data
        return Response(data)

    @extend_schema(
        summary="Start a campaign over a target group",
        description="Everyone in the target group whose residence category you hold "
        "becomes a recipient, with a letter language from the person's languages.",
        request=CampaignStartSerializer,
        responses={201: CampaignSerializer, **errors(400, 403, 415)},
    )
    def create(self, request: Request) -> Response:
        user: Any = request.user
        if not user.case_organisation_ids:
            raise exceptions.PermissionDenied()
        serializer = CampaignStartSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        organisation = Organisation.objects.filter(pk=data["organisation"]).first()
        if organisation is None or organisation.pk not in user.case_organisation_ids:
            raise exceptions.ValidationError(
                {"organisation": ["Only case staff of the organisation can start a campaign."]}
            )
        with action_errors():
            campaign = do_create_campaign(
                user,
                group=data["group"],
                title=data["title"],
                organisation=organisation,
                follow_up_days=data["follow_up_days"],
                organisation_filter=data.get("filter_organisation"),
                manager_filter=data.get("filter_manager"),
            )
        return Response(CampaignSerializer(campaign).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The campaign's letters with who was informed, when and how",
        description="Only recipients whose residence category you hold; the name only "
        "with the identity category. Each read is recorded in the audit trail.",
        parameters=[LetterFilterSerializer],
        responses={200: LetterSerializer(many=True), **errors(400), **page_errors()},
    )
    @action(detail=True, methods=["get"])
    def letters(self, request: Request, pk: Any = None) -> Response:
        campaign = self.get_object()
        filters = LetterFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        recipients = recipients_of(request.user, campaign).select_related(
            "follow_up", "informed_by"
        )
        informed = filters.validated_data.get("informed")
        if informed is not None:
            recipients = recipients.filter(informed_on__isnull=not informed)
        page = list(self.paginate_queryset(recipients) or [])
        ids = [r.person_id for r in page]
        cats = categories_for_cases(request.user, [(pk, None) for pk in ids])
        named = Person.objects.in_bulk([pk for pk in ids if IDENTITY in cats[(pk, None)]])
        record_reads(
            request.user,
            [
                (r.person_id, None, {RESIDENCE, IDENTITY} if r.person_id in named else {RESIDENCE})
                for r in page
            ],
        )
        data = LetterSerializer(page, many=True, context={"named": named}).data
        return self.get_paginated_response(data)

    @extend_schema(
        summary="Start the combined print of the campaign's letters, as a background job",
        description="All letters you may see, rendered into one PDF. Answers at once with "
        "the queued job: poll /api/v1/outreach/prints/{id}/ and fetch its pdf/ when ready.",
        request=PrintStartSerializer,
        responses={202: LetterPrintSerializer, **errors(400, 404, 415)},
    )
    @action(detail=True, methods=["post"], url_path="print", url_name="print")
    def start_print(self, request: Request, pk: Any = None) -> Response:
        campaign = self.get_object()
        options = PrintStartSerializer(data=request.data)
        options.is_valid(raise_exception=True)
        recipients = recipients_of(request.user, campaign)
        if options.validated_data["not_informed_only"]:
            recipients = recipients.filter(informed_on__isnull=True)
        ids = list(recipients.values_list("pk", flat=True))
        with action_errors():
            job = do_start_print(request.user, campaign, ids)
        return Response(LetterPrintSerializer(job).data, status=status.HTTP_202_ACCEPTED)


@extend_schema(tags=["outreach"])
class RecipientViewSet(LotseViewSetMixin, viewsets.GenericViewSet):
    serializer_class = RecipientSerializer

    def get_queryset(self) -> QuerySet[CampaignRecipient]:
        if self.for_schema:
            return CampaignRecipient.objects.none()
        user = self.request.user
        return CampaignRecipient.objects.visible_to(user).filter(
            campaign__in=Campaign.objects.of_user(user)
        )

    @extend_schema(
        summary="Record that the person was informed; sets the follow-up task",
        request=InformedSerializer,
        responses={200: RecipientSerializer, **errors(400, 404, 409, 415)},
    )
    @action(detail=True, methods=["post"])
    def informed(self, request: Request, pk: Any = None) -> Response:
        recipient = self.get_object()
        serializer = InformedSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with action_errors():
            done = do_record_informed(
                request.user,
                recipient,
                informed_on=data["informed_on"],
                channel=data["channel"],
                expected_version=data.get("expected_version"),
            )
        return Response(RecipientSerializer(done).data)

    @extend_schema(
        summary="The person's letter as PDF, in the letter language",
        description="Rendered with what you may see (name with identity, address with "
        "contact); recorded in the audit trail as an export.",
        operation_id="v1_outreach_recipients_letter",
        responses={**PDF_ANSWER, **_json_errors(404)},
    )
    @action(detail=True, methods=["get"])
    def letter(self, request: Request, pk: Any = None) -> HttpResponse:
        recipient = self.get_object()
        letters = letters_for(request.user, recipient.campaign, [recipient], timezone.localdate())
        pdf = render_pdf(letters)
        record_exports(request.user, letters)
        return pdf_response(pdf, f"brief-{recipient.campaign_id}-{recipient.pk}.pdf")

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # The letter answers as PDF; only errors go through the JSON renderer.
        return super().perform_content_negotiation(request, force=force or self.action == "letter")


@extend_schema(tags=["outreach"])
class LetterPrintViewSet(LotseViewSetMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Combined letter prints; each only for whoever started it (it holds what they saw)."""

    serializer_class = LetterPrintSerializer

    def get_queryset(self) -> QuerySet[LetterPrint]:
        if self.for_schema:
            return LetterPrint.objects.none()
        return LetterPrint.objects.of_user(self.request.user)

    @extend_schema(
        summary="One print job: its state and progress",
        responses={200: LetterPrintSerializer, **errors(404)},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="The print job's combined PDF",
        description="404 until the job is done. The letters were recorded in the audit "
        "trail as exports when the job rendered them.",
        operation_id="v1_outreach_prints_pdf",
        responses={**PDF_ANSWER, **_json_errors(404)},
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request: Request, pk: Any = None) -> HttpResponse:
        job = self.get_object()
        if job.status != JobStatus.DONE or not job.stored_name:
            raise Http404
        try:
            content = storage.read(job.stored_name)
        except storage.DocumentUnreadable:
            raise Http404 from None
        return pdf_response(content, f"briefe-{job.campaign_id}.pdf")

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        return super().perform_content_negotiation(request, force=force or self.action == "pdf")
