from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotse.access.visibility import Action
from lotse.cases.choices import ClosingReason
from lotse.cases.models import Case
from lotse.contacts.actions import MAX_BULK_CLOSE
from lotse.contacts.choices import Channel, JobStatus
from lotse.contacts.models import BulkClosure, Contact, Document
from lotse.contacts.models.contact import MAX_MINUTES
from lotse.core.api.serializers import MAX_ID
from lotse.core.categories import DataCategory


@extend_schema_field(OpenApiTypes.INT)
class ChangeableCaseField(serializers.PrimaryKeyRelatedField):
    """A case the requesting user may change; any other id is simply not found."""

    def get_queryset(self) -> Any:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        return Case.objects.visible_to(user, Action.CHANGE)


class ContactSerializer(serializers.ModelSerializer):
    recorded_by = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = [
            "id",
            "case",
            "occurred_on",
            "channel",
            "duration_minutes",
            "interpreter_language",
            "interpreter",
            "participants",
            "note",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_recorded_by(self, contact: Contact) -> str | None:
        return contact.recorded_by.display() if contact.recorded_by else None


class ContactCreateSerializer(serializers.Serializer):
    case = ChangeableCaseField(help_text=_("An open case you may change."))
    occurred_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    duration_minutes = serializers.IntegerField(min_value=1, max_value=MAX_MINUTES)
    interpreter_language = serializers.RegexField(
        r"^[a-z]{2,3}$", required=False, allow_blank=True, default=""
    )
    interpreter = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=120
    )
    participants = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ContactFilterSerializer(serializers.Serializer):
    case = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


class DocumentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.SerializerMethodField()
    data_category = serializers.ChoiceField(choices=DataCategory.choices, read_only=True)

    class Meta:
        model = Document
        fields = [
            "id",
            "case",
            "data_category",
            "title",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_by",
            "uploaded_at",
        ]
        read_only_fields = fields

    def get_uploaded_by(self, document: Document) -> str | None:
        return document.uploaded_by.display() if document.uploaded_by else None


class DocumentUploadSerializer(serializers.Serializer):
    case = ChangeableCaseField(help_text=_("An open case you may change."))
    data_category = serializers.ChoiceField(
        choices=DataCategory.choices,
        help_text=_("Who may open the document follows from it: a medical report is health data."),
    )
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    file = serializers.FileField(help_text=_("PDF, PNG or JPEG; checked on its content."))


class DormantFilterSerializer(serializers.Serializer):
    weeks = serializers.IntegerField(
        required=False, min_value=1, max_value=520, help_text=_("Defaults to the configured value.")
    )


class DormantCaseSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    person_name = serializers.CharField(source="person.display_name", read_only=True)
    last_contact_on = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "person",
            "person_name",
            "phase",
            "opened_on",
            "last_contact_on",
        ]
        read_only_fields = fields


class ClosureProblemSerializer(serializers.Serializer):
    case = serializers.IntegerField()
    reference = serializers.CharField()
    message = serializers.CharField()


class BulkClosureSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True)
    case_ids = serializers.ListField(child=serializers.IntegerField(), read_only=True)
    problems = ClosureProblemSerializer(many=True, read_only=True)
    # "state", not "status": the schema keeps one name per enum, and the
    # consents' status already owns StatusEnum.
    state = serializers.ChoiceField(choices=JobStatus.choices, source="status", read_only=True)

    class Meta:
        model = BulkClosure
        fields = [
            "id",
            "reason",
            "case_ids",
            "state",
            "total",
            "closed",
            "skipped",
            "percent",
            "problems",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class BulkClosureStartSerializer(serializers.Serializer):
    cases = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=1,
        max_length=MAX_BULK_CLOSE,
        help_text=_("Ids of open cases you may close."),
    )
    reason = serializers.ChoiceField(choices=ClosingReason.choices)
