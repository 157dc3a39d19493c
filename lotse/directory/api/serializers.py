from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotse.cases.models import LifeArea
from lotse.core.api.serializers import MAX_ID
from lotse.directory.maintainers import maintainable_providers
from lotse.directory.models import (
    MAX_PLACES,
    MAX_WAITING_WEEKS,
    Service,
    ServiceKind,
    ServiceLocation,
)
from lotse.directory.search import ServiceFilters, Verified

LANGUAGE = r"^[a-z]{2,3}$"


class LanguagesField(serializers.ListField):
    """Stored as comma-separated codes; a list in the API."""

    child = serializers.RegexField(LANGUAGE)

    def to_representation(self, data: Any) -> list[str]:
        return [code for code in str(data or "").split(",") if code]

    def to_internal_value(self, data: Any) -> str:  # type: ignore[override]
        return ",".join(dict.fromkeys(super().to_internal_value(data)))


@extend_schema_field(OpenApiTypes.INT)
class MaintainableProviderField(serializers.PrimaryKeyRelatedField):
    """An organisation whose entries the requesting user maintains; any other is not found."""

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        return maintainable_providers(getattr(request, "user", None))


class LocationSerializer(serializers.ModelSerializer):
    distance_km = serializers.SerializerMethodField(
        help_text=_(
            "Distance as the crow flies from the centre of the person's postcode area, "
            "when a person was given and both can be placed."
        )
    )

    class Meta:
        model = ServiceLocation
        fields = [
            "id",
            "street",
            "postcode",
            "place",
            "latitude",
            "longitude",
            "accessibility",
            "opening_hours",
            "distance_km",
        ]
        read_only_fields = ["id", "distance_km"]
        extra_kwargs = {
            "latitude": {"min_value": -90, "max_value": 90},
            "longitude": {"min_value": -180, "max_value": 180},
        }

    def get_distance_km(self, location: ServiceLocation) -> float | None:
        return self.context.get("distances", {}).get(location.pk)


class ServiceSerializer(serializers.ModelSerializer):
    provider = MaintainableProviderField(
        help_text=_("An organisation whose entries you maintain (read: any).")
    )
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    life_areas = serializers.SlugRelatedField(
        many=True, slug_field="code", queryset=LifeArea.objects.filter(active=True), required=False
    )
    languages = LanguagesField(required=False)
    # A plain string in the schema: a blank URL field becomes a oneOf that '' matches twice.
    website = serializers.CharField(required=False, allow_blank=True, max_length=200)
    locations = LocationSerializer(many=True, required=False)
    is_stale = serializers.SerializerMethodField(
        help_text=_("Not verified by the provider for six months.")
    )

    class Meta:
        model = Service
        fields = [
            "id",
            "name",
            "provider",
            "provider_name",
            "kind",
            "description",
            "life_areas",
            "target_groups",
            "eligibility",
            "languages",
            "contact_name",
            "email",
            "phone",
            "website",
            "capacity",
            "free_places",
            "waiting_weeks",
            "last_verified_on",
            "is_stale",
            "active",
            "locations",
            "updated_at",
        ]
        read_only_fields = ["id", "provider_name", "is_stale", "updated_at"]
        extra_kwargs = {
            "capacity": {"min_value": 0, "max_value": MAX_PLACES},
            "free_places": {"min_value": 0, "max_value": MAX_PLACES},
            "waiting_weeks": {"min_value": 0, "max_value": MAX_WAITING_WEEKS},
        }

    def validate_website(self, value: str) -> str:
        if value:
            try:
                URLValidator()(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return value

    def get_is_stale(self, service: Service) -> bool:
        return service.is_stale()

    def to_representation(self, instance: Any) -> Any:
        # Reads show every provider's entries; only writes are limited to one's own.
        data = super().to_representation(instance)
        data["provider"] = instance.provider_id
        return data


class ServiceFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    kind = serializers.ChoiceField(choices=ServiceKind.choices, required=False)
    life_area = serializers.SlugField(required=False, max_length=40)
    language = serializers.RegexField(LANGUAGE, required=False)
    place = serializers.CharField(required=False, allow_blank=True, max_length=100)
    target_group = serializers.CharField(required=False, allow_blank=True, max_length=100)
    provider = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    free_places = serializers.BooleanField(required=False, default=False)
    verified = serializers.ChoiceField(
        choices=[Verified.CURRENT, Verified.ALL, Verified.STALE],
        required=False,
        default=Verified.CURRENT,
        help_text=_("current: verified in the last six months (default); all; stale: only not."),
    )
    person = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Give distances from this person's address (needs their contact data)."),
    )

    def to_filters(self) -> ServiceFilters:
        data = self.validated_data
        return ServiceFilters(
            q=data.get("q", "").strip(),
            kind=data.get("kind", ""),
            life_area=data.get("life_area", ""),
            language=data.get("language", ""),
            place=data.get("place", "").strip(),
            target_group=data.get("target_group", "").strip(),
            provider=data.get("provider"),
            free_places=data.get("free_places", False),
            verified=data.get("verified", Verified.CURRENT),
        )


class PersonSerializer(serializers.Serializer):
    person = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("Give distances from this person's address (needs their contact data)."),
    )


class VerifySerializer(serializers.Serializer):
    """Confirming the entry as correct today; a note on what was checked is optional."""

    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text=_("What was checked, e.g. 'phoned the course office'. Kept in the audit trail."),
    )
