from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotse.access.visibility import Action
from lotse.cases.models import Case
from lotse.core.api.serializers import MAX_ID, CategoriesField
from lotse.directory.models import Service
from lotse.network.api.serializers import OrganisationRefSerializer
from lotse.network.models import Organisation
from lotse.referrals.choices import HandoverStatus, ReferralStatus, Urgency
from lotse.referrals.models import CaseHandover

RELEASE_STATES = [
    ("in_force", _("in force")),
    ("withdrawn", _("withdrawn")),
    ("expired", _("expired")),
    ("pending", _("not yet in force")),
    ("missing", _("missing")),
]


@extend_schema_field(OpenApiTypes.INT)
class ChangeableCaseField(serializers.PrimaryKeyRelatedField):
    """A case the requesting user may change; any other id is simply not found."""

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return Case.objects.visible_to(getattr(request, "user", None), Action.CHANGE)


class ReferralSerializer(serializers.Serializer):
    """A referral as its reader may see it (lotse.referrals.views.common.Shown).

    `person_name` and `request` are null when not released to the reader; after a
    withdrawal of the release, `release_state` says why.
    """

    id = serializers.IntegerField(source="referral.pk")
    reference = serializers.CharField(source="referral.reference")
    case = serializers.IntegerField(source="referral.case_id")
    sender_organisation = OrganisationRefSerializer(source="referral.sender_organisation")
    recipient_organisation = OrganisationRefSerializer(source="referral.recipient_organisation")
    service = serializers.IntegerField(source="referral.service_id", allow_null=True)
    goal = serializers.IntegerField(source="referral.goal_id", allow_null=True)
    step = serializers.IntegerField(source="referral.step_id", allow_null=True)
    categories = CategoriesField(source="referral.categories")
    urgency = serializers.ChoiceField(choices=Urgency.choices, source="referral.urgency")
    due_on = serializers.DateField(source="referral.due_on", allow_null=True)
    status = serializers.ChoiceField(choices=ReferralStatus.choices, source="referral.status")
    reason = serializers.CharField(source="referral.reason", allow_blank=True)
    sent_at = serializers.DateTimeField(source="referral.sent_at")
    answered_at = serializers.DateTimeField(source="referral.answered_at", allow_null=True)
    version = serializers.IntegerField(source="referral.version")
    is_sender = serializers.BooleanField()
    release_state = serializers.ChoiceField(choices=RELEASE_STATES)
    released_categories = CategoriesField(source="categories")
    person_name = serializers.SerializerMethodField()
    request = serializers.SerializerMethodField()

    def get_person_name(self, shown: Any) -> str | None:
        return shown.person_name or None

    def get_request(self, shown: Any) -> str | None:
        return shown.referral.request if shown.shows_request else None


class ReferralCreateSerializer(serializers.Serializer):
    case = ChangeableCaseField(queryset=Case.objects.none())
    recipient = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True
    )
    service = serializers.PrimaryKeyRelatedField(
        queryset=Service.objects.active(), required=False, allow_null=True
    )
    goal = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)
    step = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)
    request = serializers.CharField(max_length=4000)
    categories = CategoriesField(min_length=1)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    due_on = serializers.DateField(required=False, allow_null=True)
    idempotency_key = serializers.UUIDField(
        help_text=_("A fresh UUID per referral: sending again with it returns the same referral.")
    )


class ReferralMoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=ReferralStatus.choices)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class HandoverSerializer(serializers.ModelSerializer):
    from_organisation = OrganisationRefSerializer(read_only=True)
    to_organisation = OrganisationRefSerializer(read_only=True)
    status = serializers.ChoiceField(choices=HandoverStatus.choices, read_only=True)

    class Meta:
        model = CaseHandover
        fields = [
            "id",
            "case",
            "from_organisation",
            "to_organisation",
            "note",
            "status",
            "reason",
            "requested_at",
            "answered_at",
            "cancelled_at",
        ]
        read_only_fields = fields


class HandoverCreateSerializer(serializers.Serializer):
    case = ChangeableCaseField(queryset=Case.objects.none())
    to_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True)
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class HandoverAnswerSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
