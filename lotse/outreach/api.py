"""/api/v1/outreach/...: campaigns with the same rules as their pages.

A campaign is visible to the case staff of its organisation; its recipients
only where the reader holds the person's residence category.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from lotse.audit.log import record_reads
from lotse.core.api.errors import action_errors
from lotse.core.api.schema import errors, page_errors
from lotse.core.api.serializers import MAX_ID
from lotse.core.api.viewsets import LotseViewSetMixin
from lotse.core.categories import DataCategory
from lotse.network.models import Organisation
from lotse.outreach.access import recipients_of
from lotse.outreach.actions import MAX_FOLLOW_UP_DAYS, do_create_campaign, do_record_informed
from lotse.outreach.choices import Channel
from lotse.outreach.models import Campaign, CampaignRecipient
from lotse.residence.groups import GROUPS

RESIDENCE = DataCategory.RESIDENCE.value


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
