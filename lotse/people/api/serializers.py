from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from lotse.core.api.serializers import ReleasedOnlySerializer
from lotse.core.categories import DataCategory
from lotse.network.api.serializers import OrganisationRefSerializer
from lotse.network.models import Organisation
from lotse.people.actions import PERSON_FIELDS
from lotse.people.models import (
    Address,
    ContactDetail,
    HouseholdMembership,
    LanguageSkill,
    NameSpelling,
    Nationality,
    OfficeIdentifier,
    Person,
)

IDENTITY = DataCategory.IDENTITY.value
CONTACT = DataCategory.CONTACT.value
FAMILY = DataCategory.FAMILY.value


class NameSpellingSerializer(serializers.ModelSerializer):
    class Meta:
        model = NameSpelling
        fields = ["id", "given_names", "family_name", "kind", "script", "source"]
        read_only_fields = ["id"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("given_names") and not attrs.get("family_name"):
            raise serializers.ValidationError(_("Give at least a given or a family name."))
        return attrs


class NationalitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Nationality
        fields = ["id", "country"]
        read_only_fields = fields


class LanguageSkillSerializer(serializers.ModelSerializer):
    class Meta:
        model = LanguageSkill
        fields = ["id", "language", "level", "interpreter_needed"]
        read_only_fields = fields


class ContactDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactDetail
        fields = ["id", "kind", "value", "note"]
        read_only_fields = fields


class AddressSerializer(serializers.ModelSerializer):
    class Meta:
        model = Address
        fields = ["id", "street", "postcode", "place", "care_of", "valid_from", "valid_until"]
        read_only_fields = fields


class OfficeIdentifierSerializer(serializers.ModelSerializer):
    issued_by = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = OfficeIdentifier
        fields = ["id", "kind", "value", "issued_by"]
        read_only_fields = fields


class HouseholdMembershipSerializer(serializers.ModelSerializer):
    household = serializers.IntegerField(source="household_id", read_only=True)
    household_label = serializers.CharField(source="household.label", read_only=True)

    class Meta:
        model = HouseholdMembership
        fields = ["id", "household", "household_label", "relationship", "since", "until"]
        read_only_fields = fields


_IDENTITY_FIELDS = dict.fromkeys(PERSON_FIELDS, IDENTITY)


def check_placeholder(attrs: dict[str, Any], instance: Person | None) -> None:
    """The model's constraint, with a message a client can show at the field."""

    def value(name: str) -> Any:
        return attrs[name] if name in attrs else getattr(instance, name, None)

    if value("birth_date_placeholder") and value("birth_date") is None:
        raise serializers.ValidationError(
            {"birth_date": [_("A placeholder date of birth needs the date (1 January).")]}
        )


class PersonSummarySerializer(ReleasedOnlySerializer):
    """A person in a list: the identity fields, when released to the reader."""

    field_categories = _IDENTITY_FIELDS
    registered_by = serializers.IntegerField(source="registered_by_id", read_only=True)

    class Meta:
        model = Person
        fields = ["id", *PERSON_FIELDS, "registered_by", "withheld_categories"]


class PersonSerializer(ReleasedOnlySerializer):
    """One person with every detail block the reader holds the category of."""

    field_categories = {
        **_IDENTITY_FIELDS,
        "spellings": IDENTITY,
        "nationalities": IDENTITY,
        "languages": IDENTITY,
        "identifiers": IDENTITY,
        "contact_details": CONTACT,
        "addresses": CONTACT,
        "households": FAMILY,
    }
    registered_by = OrganisationRefSerializer(read_only=True)
    # The nested blocks are filled from querysets filtered by visible_to (see the view).
    # Not read_only: read-only fields are always "required" in the schema, but these
    # blocks are absent when withheld. The serializer is used for responses only.
    spellings = NameSpellingSerializer(many=True)
    nationalities = NationalitySerializer(many=True)
    languages = LanguageSkillSerializer(many=True)
    identifiers = OfficeIdentifierSerializer(many=True)
    contact_details = ContactDetailSerializer(many=True)
    addresses = AddressSerializer(many=True)
    households = HouseholdMembershipSerializer(many=True, source="household_memberships")

    class Meta:
        model = Person
        fields = [
            "id",
            *PERSON_FIELDS,
            "spellings",
            "nationalities",
            "languages",
            "identifiers",
            "contact_details",
            "addresses",
            "households",
            "registered_by",
            "created_at",
            "updated_at",
            "withheld_categories",
        ]
        read_only_fields = ["created_at", "updated_at"]


class PersonCreateSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "The organisation registering the person; may be left out when you work for one only."
        ),
    )
    spellings = NameSpellingSerializer(many=True, required=False)

    class Meta:
        model = Person
        fields = ["organisation", *PERSON_FIELDS, "spellings"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context["request"].user if "request" in self.context else None
        org_ids = getattr(user, "case_organisation_ids", [])
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=org_ids)  # type: ignore[attr-defined]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        check_placeholder(attrs, None)
        if attrs.get("organisation") is None:
            choices = list(self.fields["organisation"].queryset)  # type: ignore[attr-defined]
            if len(choices) != 1:
                raise serializers.ValidationError(
                    {"organisation": [_("Choose the organisation that registers the person.")]}
                )
            attrs["organisation"] = choices[0]
        return attrs


class PersonUpdateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = list(PERSON_FIELDS)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        check_placeholder(attrs, self.instance)
        return attrs
