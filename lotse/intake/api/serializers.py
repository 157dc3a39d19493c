from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotse.access.api.serializers import ConsentRecordSerializer
from lotse.access.visibility import Action
from lotse.cases.choices import Programme
from lotse.cases.models import Case, LifeArea
from lotse.core.api.serializers import MAX_ID
from lotse.core.categories import DataCategory
from lotse.intake.choices import ArrivalRoute, IntakeDecision, Priority
from lotse.intake.models import AssessmentEntry, IntakeRecord
from lotse.network.api.serializers import OrganisationRefSerializer
from lotse.network.models import Organisation
from lotse.people.models import Person


class IndicationSerializer(serializers.Serializer):
    life_areas = serializers.IntegerField(read_only=True)
    providers = serializers.IntegerField(read_only=True)
    complex_needs = serializers.BooleanField(read_only=True)
    several_providers = serializers.BooleanField(read_only=True)
    pathways_failed = serializers.BooleanField(read_only=True)
    agrees = serializers.BooleanField(read_only=True)
    met = serializers.BooleanField(
        read_only=True, help_text=_("Whether the facts indicate case management.")
    )


class IntakeSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)
    life_areas: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    providers = OrganisationRefSerializer(many=True, read_only=True)
    indication = serializers.SerializerMethodField()

    class Meta:
        model = IntakeRecord
        fields = [
            "id",
            "person",
            "organisation",
            "case",
            "consent",
            "held_on",
            "came_via",
            "came_via_detail",
            "first_needs",
            "life_areas",
            "providers",
            "other_providers",
            "other_provider_count",
            "pathways_failed",
            "agrees_to_case_management",
            "indication",
            "decision",
            "decision_reason",
            "referred_to",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields

    @extend_schema_field(IndicationSerializer)
    def get_indication(self, intake: IntakeRecord) -> dict[str, Any]:
        indication = intake.indication(len(intake.life_areas.all()), len(intake.providers.all()))
        return {
            "life_areas": indication.life_areas,
            "providers": indication.providers,
            "complex_needs": indication.complex_needs,
            "several_providers": indication.several_providers,
            "pathways_failed": indication.pathways_failed,
            "agrees": indication.agrees,
            "met": indication.met,
        }


class IntakeConsentSerializer(ConsentRecordSerializer):
    """A release recorded with the intake: for the intake's person and the case it opens."""

    person = None  # type: ignore[assignment]
    case = None  # type: ignore[assignment]
    document = None  # type: ignore[assignment]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        serializers.Serializer.__init__(self, *args, **kwargs)


class IntakeCreateSerializer(serializers.Serializer):
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.none(),
        help_text=_("A person whose record your organisation keeps."),
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The recording organisation; may be left out when you work for one only."),
    )
    held_on = serializers.DateField()
    came_via = serializers.ChoiceField(choices=ArrivalRoute.choices)
    came_via_detail = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    first_needs = serializers.CharField()
    life_areas = serializers.SlugRelatedField(
        slug_field="code",
        many=True,
        queryset=LifeArea.objects.filter(active=True),
        required=False,
        default=list,
    )
    providers = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        many=True,
        required=False,
        default=list,
    )
    other_providers = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
    other_provider_count = serializers.IntegerField(
        required=False, default=0, min_value=0, max_value=50
    )
    pathways_failed = serializers.BooleanField(required=False, default=False)
    agrees_to_case_management = serializers.BooleanField(required=False, default=False)
    decision = serializers.ChoiceField(choices=IntakeDecision.choices)
    decision_reason = serializers.CharField(required=False, allow_blank=True, default="")
    referred_to = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
    programme = serializers.ChoiceField(
        choices=Programme.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("For 'case_management': the programme of the case opened."),
    )
    consent = IntakeConsentSerializer(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("A release from confidentiality recorded with the intake."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context["request"].user if "request" in self.context else None
        self.fields["person"].queryset = Person.objects.visible_to(user, Action.CHANGE)  # type: ignore[attr-defined]
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=list(getattr(user, "case_organisation_ids", []))
        )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs.get("organisation") is None:
            choices = list(self.fields["organisation"].queryset)  # type: ignore[attr-defined]
            if len(choices) != 1:
                raise serializers.ValidationError(
                    {"organisation": [_("Choose the organisation that records the intake.")]}
                )
            attrs["organisation"] = choices[0]
        return attrs


class IntakeFilterSerializer(serializers.Serializer):
    person = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    case = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class AssessmentSerializer(serializers.ModelSerializer):
    life_area: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    category = serializers.ChoiceField(
        source="life_area.category",
        choices=DataCategory.choices,
        read_only=True,
        help_text=_("The data category of this entry: its life area's."),
    )

    class Meta:
        model = AssessmentEntry
        fields = [
            "id",
            "case",
            "life_area",
            "category",
            "assessed_on",
            "situation",
            "resources",
            "needs",
            "priority",
            "note",
            "previous",
            "is_current",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields


class AssessmentCreateSerializer(serializers.Serializer):
    case = serializers.PrimaryKeyRelatedField(queryset=Case.objects.none())
    life_area = serializers.SlugRelatedField(
        slug_field="code", queryset=LifeArea.objects.filter(active=True)
    )
    assessed_on = serializers.DateField()
    priority = serializers.ChoiceField(choices=Priority.choices)
    situation = serializers.CharField(required=False, allow_blank=True, default="")
    resources = serializers.CharField(required=False, allow_blank=True, default="")
    needs = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")
    based_on = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=1,
        help_text=_(
            "The id of the current entry of this life area you based the re-assessment on; "
            "null for a first assessment. A different current entry answers 409."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context["request"].user if "request" in self.context else None
        self.fields["case"].queryset = Case.objects.visible_to(user, Action.CHANGE)  # type: ignore[attr-defined]


class AssessmentFilterSerializer(serializers.Serializer):
    case = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    current = serializers.BooleanField(
        required=False, default=False, help_text=_("Only the current entry per life area.")
    )
