from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.access.visibility import Action
from lotse.accounts.models import User
from lotse.cases.choices import ClosingReason, Phase, Programme
from lotse.cases.models import Case, CaseParticipant, CasePhaseChange
from lotse.core.api.serializers import MAX_ID, ReleasedOnlySerializer
from lotse.core.categories import DataCategory
from lotse.network.api.serializers import OrganisationRefSerializer
from lotse.network.models import Organisation
from lotse.people.models import Person
from lotse.plans.choices import Attainment


class CaseManagerSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display", read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "name"]
        read_only_fields = fields


class ParticipantSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = CaseParticipant
        fields = ["organisation", "purpose", "added_on"]
        read_only_fields = fields


class CaseSerializer(ReleasedOnlySerializer):
    """A case; its summary only with case notes, its person's name only with identity."""

    field_categories = {
        "person_name": DataCategory.IDENTITY.value,
        "summary": DataCategory.CASE_NOTES.value,
    }
    reference = serializers.CharField(read_only=True)
    person_name = serializers.CharField(source="person.display_name")
    organisation = OrganisationRefSerializer(read_only=True)
    managers = CaseManagerSerializer(many=True, read_only=True)
    # Declared: a generated read-only field would lose allow_blank, and the schema with it.
    closing_reason = serializers.ChoiceField(
        choices=ClosingReason.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "person",
            "person_name",
            "organisation",
            "programme",
            "phase",
            "opened_on",
            "closed_on",
            "closing_reason",
            "summary",
            "managers",
            "version",
            "created_at",
            "updated_at",
            "withheld_categories",
        ]
        read_only_fields = [
            "person",
            "programme",
            "phase",
            "opened_on",
            "closed_on",
            "closing_reason",
            "version",
            "created_at",
            "updated_at",
        ]


class CaseDetailSerializer(CaseSerializer):
    participants = ParticipantSerializer(many=True, read_only=True)

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "participants"]


def _case_staff(user: Any) -> list[int]:
    return list(getattr(user, "case_organisation_ids", []))


class CaseOpenSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(),
        help_text=_("A person whose record your organisation keeps."),
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The owning organisation; may be left out when you work for one only."),
    )
    programme = serializers.ChoiceField(choices=Programme.choices)
    opened_on = serializers.DateField(required=False, help_text=_("Defaults to today."))
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    managers = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        many=True,
        required=False,
        help_text=_("Case managers; defaults to you."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context["request"].user if "request" in self.context else None
        # Opening a case grants the owner every category, so only a person the user
        # may change can get one: otherwise a participant could widen its own access.
        self.fields["person"].queryset = Person.objects.visible_to(user, Action.CHANGE)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=_case_staff(user)
        )
        self.fields["managers"].child_relation.queryset = User.objects.filter(  # type: ignore[attr-defined]
            is_active=True
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        user = self.context["request"].user
        if attrs.get("organisation") is None:
            choices = list(self.fields["organisation"].queryset)  # type: ignore[attr-defined]
            if len(choices) != 1:
                raise serializers.ValidationError(
                    {"organisation": [_("Choose the organisation that owns the case.")]}
                )
            attrs["organisation"] = choices[0]
        managers = attrs.get("managers") or [user]
        organisation = attrs["organisation"]
        outsiders = [m for m in managers if organisation.pk not in m.case_organisation_ids]
        if outsiders:
            raise serializers.ValidationError(
                {"managers": [_("Only case staff of the owning organisation can manage the case.")]}
            )
        attrs["managers"] = managers
        return attrs


class PhaseChangeSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)
    expected_version = serializers.IntegerField(
        min_value=1, help_text=_("The case's version you based the change on.")
    )
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=500,
        help_text=_("Why the case moves on; kept in the phase history."),
    )


class PhaseHistorySerializer(ReleasedOnlySerializer):
    """One step of the phase history; its note only with case notes released."""

    field_categories = {"note": DataCategory.CASE_NOTES.value}
    from_phase = serializers.ChoiceField(
        choices=Phase.choices,
        allow_blank=True,
        read_only=True,
        help_text=_("Empty for the first step: the case was opened."),
    )
    changed_by = CaseManagerSerializer(read_only=True, allow_null=True)

    class Meta:
        model = CasePhaseChange
        fields = [
            "id",
            "from_phase",
            "to_phase",
            "changed_at",
            "changed_by",
            "note",
            "withheld_categories",
        ]
        # Not read-only: a withheld note is absent, so it must not be a required property.
        read_only_fields = ["id", "from_phase", "to_phase", "changed_at", "changed_by"]


class GoalAttainmentSerializer(serializers.Serializer):
    goal = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    attainment = serializers.ChoiceField(choices=Attainment.choices)
    reason = serializers.CharField()


class CaseCloseSerializer(serializers.Serializer):
    closing_reason = serializers.ChoiceField(choices=ClosingReason.choices)
    goal_attainments = GoalAttainmentSerializer(
        many=True,
        required=False,
        default=list,
        help_text=_("For each open goal of the plan: its attainment and the reason."),
    )
    closed_on = serializers.DateField(required=False, help_text=_("Defaults to today."))
    expected_version = serializers.IntegerField(
        min_value=1, help_text=_("The case's version you based the change on.")
    )


class ParticipantAddSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True)
    )
    purpose = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
