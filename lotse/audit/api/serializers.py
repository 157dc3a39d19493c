import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.audit.models import AuditAction, AuditEntry
from lotse.core.api.serializers import CategoriesField


class AuditEntrySerializer(serializers.ModelSerializer):
    person = serializers.IntegerField(source="person_id", read_only=True, allow_null=True)
    case = serializers.IntegerField(source="case_id", read_only=True, allow_null=True)
    actor = serializers.IntegerField(source="actor_id", read_only=True, allow_null=True)
    organisation = serializers.IntegerField(
        source="organisation_id", read_only=True, allow_null=True
    )
    categories = CategoriesField(read_only=True)
    # Names only: the values are case content, which a DPO does not see by default.
    changed_fields = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor",
            "actor_name",
            "organisation",
            "action",
            "object_type",
            "object_id",
            "person",
            "case",
            "categories",
            "changed_fields",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields

    def get_changed_fields(self, entry: AuditEntry) -> list[str]:
        return changed_fields(entry)


def changed_fields(entry: AuditEntry) -> list[str]:
    return sorted(entry.changes) if isinstance(entry.changes, dict) else []


class AuditFilterSerializer(serializers.Serializer):
    person = serializers.IntegerField(required=False, min_value=1, help_text=_("Person id."))
    actor = serializers.IntegerField(required=False, min_value=1, help_text=_("User id."))
    action = serializers.ChoiceField(choices=AuditAction.choices, required=False)
    since = serializers.DateField(required=False, help_text=_("From this day on (inclusive)."))
    until = serializers.DateField(required=False, help_text=_("Up to this day (inclusive)."))

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        since, until = attrs.get("since"), attrs.get("until")
        if since and until and until < since:
            raise serializers.ValidationError({"until": [_("The end lies before the start.")]})
        return attrs

    def lookups(self) -> dict[str, Any]:
        """The validated filters as queryset lookups; days are local calendar days."""
        data = self.validated_data
        lookups: dict[str, Any] = {}
        for name, lookup in (("person", "person_id"), ("actor", "actor_id"), ("action", "action")):
            if name in data:
                lookups[lookup] = data[name]
        if "since" in data:
            lookups["at__gte"] = _start_of(data["since"])
        if "until" in data:
            lookups["at__lt"] = _start_of(data["until"] + datetime.timedelta(days=1))
        return lookups


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
