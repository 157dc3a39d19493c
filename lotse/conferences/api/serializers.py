from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.conferences.choices import Attendance, AttendeeRole
from lotse.conferences.models import AgendaItem, CaseConference, ConferenceAttendee, Decision
from lotse.contacts.api.serializers import ChangeableCaseField
from lotse.core.api.serializers import MAX_ID
from lotse.core.categories import DataCategory
from lotse.network.models import Organisation


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "minutes", "version"]
        read_only_fields = fields


class AttendeeSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=AttendeeRole.choices, read_only=True)
    attendance = serializers.ChoiceField(choices=Attendance.choices, read_only=True)

    class Meta:
        model = ConferenceAttendee
        fields = [
            "id",
            "role",
            "person",
            "name",
            "organisation",
            "language",
            "attendance",
            "invited_at",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    task_status = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "text",
            "case",
            "organisation",
            "due_on",
            "agenda_item",
            "task",
            "task_status",
        ]
        read_only_fields = fields

    def get_task_status(self, decision: Decision) -> str | None:
        return decision.task.status if decision.task else None

    def to_representation(self, instance: Decision) -> Any:
        data = super().to_representation(instance)
        # Decisions from before conferences had several cases concern its own case.
        data["case"] = instance.task_case_id
        return data


class ConferenceSerializer(serializers.ModelSerializer):
    data_category = serializers.ChoiceField(choices=DataCategory.choices, read_only=True)
    # Empty when the conference meets in a place: not a "uri" then.
    video_link = serializers.CharField(read_only=True, help_text=_("A URL, or empty."))
    organisations = serializers.SerializerMethodField()
    further_cases = serializers.SerializerMethodField(
        help_text=_("Further cases the conference concerns (a family's conference).")
    )
    agenda = AgendaItemSerializer(many=True, read_only=True)
    attendees = AttendeeSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)

    class Meta:
        model = CaseConference
        fields = [
            "id",
            "case",
            "further_cases",
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
            "attendees",
            "decisions",
            "created_at",
        ]
        read_only_fields = fields

    def get_organisations(self, conference: CaseConference) -> list[int]:
        return [p.organisation_id for p in conference.participants.all()]

    def get_further_cases(self, conference: CaseConference) -> list[int]:
        return [link.case_id for link in conference.further_cases.all()]


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
    further_cases = ChangeableCaseField(
        many=True,
        required=False,
        default=list,
        help_text=_(
            "Further open cases you may change (household members); every invited "
            "organisation needs a release of each case's person."
        ),
    )


class DecisionCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=200)
    case = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("The conference's case the task goes into; its own case if left out."),
    )
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    due_on = serializers.DateField()
    agenda_item = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )


class AttendeeCreateSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=AttendeeRole.choices)
    person = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("For the role person: the person of one of the conference's cases."),
    )
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    organisation = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text=_("For a staff member: a participating organisation."),
    )
    language = serializers.RegexField(r"^[a-z]{2,3}$", required=False, allow_blank=True, default="")
    email = serializers.EmailField(required=False, allow_blank=True, default="")


class AttendanceEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    attendance = serializers.ChoiceField(choices=Attendance.choices)


class AttendanceSerializer(serializers.Serializer):
    attendees = serializers.ListField(
        child=AttendanceEntrySerializer(), min_length=1, max_length=100
    )


class AttendeesSerializer(serializers.Serializer):
    attendees = AttendeeSerializer(many=True)


class MinutesSerializer(serializers.Serializer):
    next_review_on = serializers.DateField(allow_null=True)
    items = AgendaItemSerializer(many=True)


class MinutesEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    minutes = serializers.CharField(max_length=10000, allow_blank=True)
    expected_version = serializers.IntegerField(
        min_value=1, help_text=_("The agenda item's version you based the change on.")
    )


class MinutesUpdateSerializer(serializers.Serializer):
    items = serializers.ListField(child=MinutesEntrySerializer(), min_length=1, max_length=20)
    next_review_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text=_("Left out: the review date stays as it is."),
    )
