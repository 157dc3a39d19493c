"""Residence rows, facts and pathway results in the API.

Field names follow the models; the pathway result mirrors the contract's result
document exactly (docs: /work/shared/interfaces/pathways.md), so that the schema
documents it and tests validate real answers against it.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotse.access.visibility import Action
from lotse.core.categories import DataCategory
from lotse.people.models import Person
from lotse.residence.choices import CriterionStatus, Outcome
from lotse.residence.models import (
    BenefitPeriod,
    Child,
    Conviction,
    EmploymentSpell,
    Evaluation,
    LanguageCertificate,
    ResidenceFacts,
    StatusPeriod,
)
from lotse.residence.models.base import check_plausible

RESIDENCE = DataCategory.RESIDENCE.value


@extend_schema_field(OpenApiTypes.INT)
class ChangeablePersonField(serializers.PrimaryKeyRelatedField):
    """A person whose residence file the user may change; others do not exist for them."""

    def get_queryset(self) -> Any:
        user = self.context["request"].user
        return Person.objects.visible_to(user, Action.CHANGE, category=RESIDENCE)


class RowSerializer(serializers.ModelSerializer):
    person = ChangeablePersonField()

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            # A row never moves to another person.
            fields["person"].read_only = True
        return fields


class StatusPeriodSerializer(RowSerializer):
    expected_version = serializers.IntegerField(
        write_only=True,
        required=False,
        help_text=_("The version you changed; a newer stored one answers 409."),
    )

    class Meta:
        model = StatusPeriod
        fields = [
            "id",
            "person",
            "kind",
            "paragraph",
            "valid_from",
            "valid_until",
            "issuing_office",
            "document_number",
            "residence_obligation",
            "work_permission",
            "version",
            "expected_version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]


class LanguageCertificateSerializer(RowSerializer):
    class Meta:
        model = LanguageCertificate
        fields = ["id", "person", "level", "oral_only", "issued_on", "issuer"]


class EmploymentSpellSerializer(RowSerializer):
    class Meta:
        model = EmploymentSpell
        fields = [
            "id",
            "person",
            "valid_from",
            "valid_until",
            "hours_per_week",
            "social_insurance",
            "employer",
        ]


class BenefitPeriodSerializer(RowSerializer):
    class Meta:
        model = BenefitPeriod
        fields = ["id", "person", "benefit", "valid_from", "valid_until"]


class ConvictionSerializer(RowSerializer):
    # Explicit bounds: a model's small-integer range differs by database backend
    # (SQLite reports none), and the committed schema must be one for both.
    daily_rates = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    prison_months = serializers.IntegerField(min_value=0, max_value=32767, required=False)

    class Meta:
        model = Conviction
        fields = [
            "id",
            "person",
            "convicted_on",
            "daily_rates",
            "prison_months",
            "juvenile_sanction_only",
            "foreigner_specific_offence",
        ]


class ChildSerializer(RowSerializer):
    class Meta:
        model = Child
        fields = ["id", "person", "given_name", "birth_date", "attends_school"]


class ResidenceFactsSerializer(serializers.ModelSerializer):
    expected_version = serializers.IntegerField(
        write_only=True,
        required=False,
        help_text=_("The version you changed; a newer stored one answers 409."),
    )
    version = serializers.IntegerField(
        read_only=True, allow_null=True, help_text=_("Null while no facts are recorded.")
    )

    class Meta:
        model = ResidenceFacts
        fields = [
            "person",
            "entry_date",
            "identity_clarified_on",
            "identity_deception",
            "fdgo_commitment",
            "civic_knowledge",
            "naturalisation_test_passed",
            "living_with_minor_child",
            "integration_course_obliged",
            "integration_course_completed",
            "livelihood_secured",
            "schooling_years_in_germany",
            "german_qualification",
            "certificates_complete",
            "employment_complete",
            "benefits_complete",
            "convictions_complete",
            "children_complete",
            "version",
            "expected_version",
        ]
        read_only_fields = ["person"]


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(
        required=False, help_text=_("The day to evaluate on (YYYY-MM-DD); default today.")
    )

    def validate_as_of(self, value: datetime.date) -> datetime.date:
        try:
            check_plausible(as_of=value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict["as_of"]) from None
        return value


class EvaluationCreateSerializer(AsOfSerializer):
    person = ChangeablePersonField()


class CriterionSerializer(serializers.Serializer):
    id = serializers.CharField()
    status = serializers.ChoiceField(choices=CriterionStatus.choices)
    met_from = serializers.DateField(allow_null=True)
    reason = serializers.CharField(allow_blank=True)
    # The contract's name; DRF takes declared fields off the class, so no clash with Field.source.
    source = serializers.CharField()  # type: ignore[assignment]


class PathwayResultSerializer(serializers.Serializer):
    id = serializers.CharField()
    title = serializers.CharField()
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    earliest_date = serializers.DateField(allow_null=True)
    criteria = CriterionSerializer(many=True)


class ResultDocumentSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    rules_version = serializers.CharField()
    pathways = PathwayResultSerializer(many=True)


class EvaluationSerializer(serializers.ModelSerializer):
    created_by = serializers.CharField(
        source="created_by.username", read_only=True, allow_null=True, default=None
    )
    result = ResultDocumentSerializer(read_only=True)

    class Meta:
        model = Evaluation
        fields = ["id", "person", "as_of", "rules_version", "result", "created_by", "created_at"]
        read_only_fields = fields
