import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.audit.models import AuditAction, AuditEntry
from lotse.core.api.serializers import MAX_ID, CategoriesField


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
    person = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("Person id.")
    )
    actor = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text=_("User id.")
    )
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
        since = _start_of(data["since"]) if "since" in data else None
        if since is not None:
            lookups["at__gte"] = since
        until = _start_of(data["until"], days_later=1) if "until" in data else None
        if until is not None:
            lookups["at__lt"] = until
        return lookups


def _start_of(day: datetime.date, days_later: int = 0) -> datetime.datetime | None:
    """Local midnight of the day, in UTC; None at the ends of the calendar (e.g. since
    0001-01-01, until 9999-12-31), which bound nothing and cannot be expressed in UTC."""
    try:
        midnight = datetime.datetime.combine(
            day + datetime.timedelta(days=days_later), datetime.time.min
        )
        return timezone.make_aware(midnight).astimezone(datetime.UTC)
    except OverflowError:
        return None
