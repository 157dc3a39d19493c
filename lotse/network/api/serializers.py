from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.network.choices import LegalArea
from lotse.network.models import Organisation


class LegalAreasField(serializers.ListField):
    """The model keeps legal areas as comma-separated codes; the API as a list."""

    child = serializers.ChoiceField(choices=LegalArea.choices)

    def to_representation(self, data: Any) -> list[str]:
        return [code for code in str(data or "").split(",") if code]

    def to_internal_value(self, data: Any) -> str:  # type: ignore[override]
        codes = super().to_internal_value(data)
        return ",".join(dict.fromkeys(codes))


class OrganisationSerializer(serializers.ModelSerializer):
    legal_areas = LegalAreasField(required=False, label=_("legal areas"))

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "legal_areas",
            "parent",
            "street",
            "postcode",
            "place",
            "email",
            "phone",
            "is_active",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def validate_parent(self, parent: Organisation | None) -> Organisation | None:
        # Walk up from the new parent: meeting this organisation means a cycle.
        seen: set[int] = set()
        node = parent
        while node is not None and self.instance is not None and node.pk not in seen:
            if node.pk == self.instance.pk:
                raise serializers.ValidationError(
                    _("An organisation cannot be placed below itself.")
                )
            seen.add(node.pk)
            node = node.parent
        return parent


class OrganisationRefSerializer(serializers.ModelSerializer):
    """An organisation named inside another object."""

    class Meta:
        model = Organisation
        fields = ["id", "name"]
        read_only_fields = fields
