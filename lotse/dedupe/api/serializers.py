from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotse.core.api.serializers import MAX_ID
from lotse.dedupe.models import DuplicateCandidate, MergeRecord


class SpellingEvidenceSerializer(serializers.Serializer):
    given_names = serializers.CharField()
    family_name = serializers.CharField()
    kind = serializers.CharField()


class IdentifierEvidenceSerializer(serializers.Serializer):
    kind = serializers.CharField()
    value = serializers.CharField()
    issued_by = serializers.CharField(source="issued_by.name")


class PersonEvidenceSerializer(serializers.Serializer):
    """One side of a pair: what a reviewer compares, identity only."""

    id = serializers.IntegerField(source="person.pk")
    given_names = serializers.CharField(source="person.given_names")
    family_name = serializers.CharField(source="person.family_name")
    birth_date = serializers.DateField(source="person.birth_date", allow_null=True)
    birth_date_precision = serializers.CharField(source="person.birth_date_precision")
    birth_date_placeholder = serializers.BooleanField(source="person.birth_date_placeholder")
    sex = serializers.CharField(source="person.sex")
    birth_place = serializers.CharField(source="person.birth_place")
    spellings = SpellingEvidenceSerializer(many=True)
    nationalities = serializers.ListField(child=serializers.CharField())
    identifiers = IdentifierEvidenceSerializer(many=True)
    case_count = serializers.IntegerField()
    organisations = serializers.ListField(child=serializers.CharField())


class PairSerializer(serializers.ModelSerializer[DuplicateCandidate]):
    persons = serializers.SerializerMethodField(
        help_text=_("Both records side by side, the lower id first.")
    )

    class Meta:
        model = DuplicateCandidate
        fields = ["id", "score", "evidence", "status", "found_at", "persons"]

    @extend_schema_field(PersonEvidenceSerializer(many=True))
    def get_persons(self, instance: DuplicateCandidate) -> Any:
        # The view attaches the evidence it loaded for the whole page (lotse.dedupe.queue).
        return PersonEvidenceSerializer(getattr(instance, "sides", []), many=True).data


class MergeChoiceSerializer(serializers.Serializer):
    survivor = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Id of the record that is kept (one of the pair)."),
    )


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=500,
        help_text=_("Why, in a few words (optional); recorded in the audit trail."),
    )


class MergeRecordSerializer(serializers.ModelSerializer[MergeRecord]):
    moved = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text=_("Ids of the rows that moved, by relation (app.Model.field)."),
    )
    undo_until = serializers.SerializerMethodField()

    class Meta:
        model = MergeRecord
        fields = [
            "id",
            "candidate",
            "survivor",
            "merged",
            "moved",
            "merged_at",
            "undo_until",
            "undone_at",
        ]

    @extend_schema_field(OpenApiTypes.DATETIME)
    def get_undo_until(self, instance: MergeRecord) -> str:
        from lotse.dedupe.merge import undo_deadline

        return undo_deadline(instance).isoformat()
