from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.conferences.models import AgendaItem, CaseConference, Decision
from lotse.contacts.api.serializers import ChangeableCaseField
from lotse.core.api.serializers import MAX_ID
from lotse.core.categories import DataCategory
from lotse.network.models import Organisation


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "minutes"]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    task_status = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = ["id", "text", "organisation", "due_on", "agenda_item", "task", "task_status"]
        read_only_fields = fields

    def get_task_status(self, decision: Decision) -> str | None:
        return decision.task.status if decision.task else None


class ConferenceSerializer(serializers.ModelSerializer):
    data_category = serializers.ChoiceField(choices=DataCategory.choices, read_only=True)
    # Empty when the conference meets in a place: not a "uri" then.
    video_link = serializers.CharField(read_only=True, help_text=_("A URL, or empty."))
    organisations = serializers.SerializerMethodField()
    agenda = AgendaItemSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = CaseConference
        fields = [
            "id",
            "case",
            "title",
            "data_category",
            "starts_at",
            "duration_minutes",
            "place",
            "video_link",
            "person_attends",
            "interpreter_language",
            "next_review_on",
            "organisations",
            "agenda",
            "decisions",
            "created_at",
        ]
        read_only_fields = fields

    def get_organisations(self, conference: CaseConference) -> list[int]:
        return [p.organisation_id for p in conference.participants.all()]


class ConferenceCreateSerializer(serializers.Serializer):
    case = ChangeableCaseField(help_text=_("An open case you may change."))
    title = serializers.CharField(max_length=200)
    data_category = serializers.ChoiceField(choices=DataCategory.choices)
    starts_at = serializers.DateTimeField()
    duration_minutes = serializers.IntegerField(min_value=15, max_value=480, default=60)
    place = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    video_link = serializers.URLField(required=False, allow_blank=True, default="")
    organisations = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True),
        many=True,
        help_text=_("Organisations taking part in the case whose release covers the data."),
    )
    agenda = serializers.ListField(
        child=serializers.CharField(max_length=200), min_length=1, max_length=20
    )
    person_attends = serializers.BooleanField(default=True)
    interpreter_language = serializers.RegexField(
        r"^[a-z]{2,3}$", required=False, allow_blank=True, default=""
    )


class DecisionCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    due_on = serializers.DateField()
    agenda_item = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )
