from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotse.cases.models import LifeArea
from lotse.core.api.serializers import MAX_ID
from lotse.network.models import Organisation
from lotse.plans.choices import AgreementForm, Attainment, ResponsibleKind, StepStatus
from lotse.plans.models import Goal, GoalReview, IntegrationPlan, Step

EXPECTED_VERSION_HELP = _("The plan's version you based the change on.")


def expected_version() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, help_text=EXPECTED_VERSION_HELP)


class StepSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField(help_text=_("Pending and past its due date."))

    class Meta:
        model = Step
        fields = [
            "id",
            "goal",
            "case",
            "description",
            "responsible_kind",
            "responsible_organisation",
            "responsible_name",
            "due_date",
            "status",
            "done_on",
            "overdue",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField())
    def get_overdue(self, step: Step) -> bool:
        return step.is_pending and step.due_date < timezone.localdate()


class GoalReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = GoalReview
        fields = ["id", "occasion", "reviewed_on", "attainment", "reason", "reviewed_by"]
        read_only_fields = fields


class GoalSerializer(serializers.ModelSerializer):
    life_area: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    steps = StepSerializer(many=True, read_only=True)
    reviews = GoalReviewSerializer(many=True, read_only=True)
    # Blank while the goal is open.
    attainment = serializers.ChoiceField(
        choices=Attainment.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Goal
        fields = [
            "id",
            "case",
            "life_area",
            "title",
            "success_measure",
            "target_date",
            "attainment",
            "attainment_reason",
            "settled_on",
            "steps",
            "reviews",
        ]
        read_only_fields = fields


class PlanSerializer(serializers.ModelSerializer):
    # Blank until the agreement is recorded (or when case notes are not released to you).
    agreement_form = serializers.ChoiceField(
        choices=AgreementForm.choices, allow_blank=True, read_only=True
    )
    goals = serializers.SerializerMethodField(
        help_text=_("The goals in the life areas released to you.")
    )

    class Meta:
        model = IntegrationPlan
        fields = ["case", "agreed_on", "agreement_form", "version", "goals"]
        read_only_fields = fields

    @extend_schema_field(GoalSerializer(many=True))
    def get_goals(self, plan: IntegrationPlan) -> Any:
        return GoalSerializer(self.context["goals"], many=True).data


class GoalCreateSerializer(serializers.Serializer):
    case = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    life_area = serializers.SlugRelatedField(
        slug_field="code", queryset=LifeArea.objects.filter(active=True)
    )
    title = serializers.CharField(max_length=300)
    success_measure = serializers.CharField(max_length=500)
    target_date = serializers.DateField()
    expected_version = expected_version()


class GoalUpdateSerializer(serializers.Serializer):
    life_area = serializers.SlugRelatedField(
        slug_field="code", queryset=LifeArea.objects.filter(active=True), required=False
    )
    title = serializers.CharField(max_length=300, required=False)
    success_measure = serializers.CharField(max_length=500, required=False)
    target_date = serializers.DateField(required=False)
    expected_version = expected_version()


class GoalReviewCreateSerializer(serializers.Serializer):
    attainment = serializers.ChoiceField(choices=Attainment.choices)
    reason = serializers.CharField()
    reviewed_on = serializers.DateField(required=False, help_text=_("Defaults to today."))
    expected_version = expected_version()


class StepCreateSerializer(serializers.Serializer):
    goal = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    description = serializers.CharField(max_length=500)
    responsible_kind = serializers.ChoiceField(
        choices=ResponsibleKind.choices,
        error_messages={"required": _("Name who is responsible for this step.")},
    )
    responsible_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True
    )
    responsible_name = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )
    due_date = serializers.DateField()
    status = serializers.ChoiceField(choices=StepStatus.choices, default=StepStatus.OPEN)
    expected_version = expected_version()


class StepUpdateSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=500, required=False)
    responsible_kind = serializers.ChoiceField(choices=ResponsibleKind.choices, required=False)
    responsible_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), required=False, allow_null=True
    )
    responsible_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    due_date = serializers.DateField(required=False)
    status = serializers.ChoiceField(choices=StepStatus.choices, required=False)
    expected_version = expected_version()


class AgreementSerializer(serializers.Serializer):
    agreed_on = serializers.DateField(allow_null=True)
    agreement_form = serializers.ChoiceField(
        choices=[("", "—"), *AgreementForm.choices], allow_blank=True
    )
    expected_version = expected_version()


class GoalFilterSerializer(serializers.Serializer):
    case = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    open = serializers.BooleanField(
        required=False, allow_null=True, default=None, help_text=_("Only open (or settled) goals.")
    )


class StepFilterSerializer(serializers.Serializer):
    case = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    goal = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    overdue = serializers.BooleanField(
        required=False, default=False, help_text=_("Only pending steps past their due date.")
    )
    mine = serializers.BooleanField(
        required=False, default=False, help_text=_("Only steps of cases you manage.")
    )
