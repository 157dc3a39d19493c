from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.access.choices import ConsentForm
from lotse.access.models import Consent, ConsentText
from lotse.access.visibility import Action
from lotse.cases.models import Case
from lotse.core.api.serializers import CategoriesField
from lotse.network.api.serializers import OrganisationRefSerializer
from lotse.network.models import Organisation
from lotse.people.models import Person


class ConsentSerializer(serializers.ModelSerializer):
    recipients = OrganisationRefSerializer(many=True, read_only=True)
    categories = CategoriesField(read_only=True)
    status = serializers.ChoiceField(
        choices=[
            ("in_force", _("in force")),
            ("pending", _("not yet in force")),
            ("expired", _("expired")),
            ("withdrawn", _("withdrawn")),
        ],
        read_only=True,
    )
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "id",
            "person",
            "case",
            "text",
            "purpose",
            "recipients",
            "categories",
            "special_categories_named",
            "consequences_explained",
            "form",
            "witness",
            "language",
            "interpreter",
            "given_on",
            "valid_until",
            "withdrawn_on",
            "withdrawal_note",
            "status",
            "has_document",
            "recorded_by",
            "recorded_at",
        ]
        read_only_fields = fields

    def get_has_document(self, consent: Consent) -> bool:
        # The scan itself is served only by the web interface, after a visibility check.
        return bool(consent.document)


class ConsentRecordSerializer(serializers.Serializer):
    """A new release from confidentiality. JSON, or multipart with the scanned form."""

    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.none())
    case = serializers.PrimaryKeyRelatedField(
        queryset=Case.objects.none(),
        required=False,
        allow_null=True,
        help_text=_("Leave empty to cover every case of the person."),
    )
    text = serializers.PrimaryKeyRelatedField(queryset=ConsentText.objects.all())
    purpose = serializers.CharField(max_length=300)
    recipients = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(is_active=True), many=True
    )
    categories = CategoriesField(allow_empty=True)
    special_categories_named = serializers.BooleanField(required=False, default=False)
    consequences_explained = serializers.BooleanField(required=False, default=False)
    form = serializers.ChoiceField(choices=ConsentForm.choices)
    witness = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    language = serializers.CharField(max_length=3)
    interpreter = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    given_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    document = serializers.FileField(required=False, allow_null=True, default=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context["request"].user if "request" in self.context else None
        # Only the owning organisation's case staff record consents.
        self.fields["person"].queryset = Person.objects.visible_to(user, Action.CHANGE)  # type: ignore[attr-defined]
        self.fields["case"].queryset = Case.objects.visible_to(user, Action.CHANGE)  # type: ignore[attr-defined]


class WithdrawalSerializer(serializers.Serializer):
    withdrawn_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
