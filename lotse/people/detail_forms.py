"""Small forms to add one detail row to a person, keyed by the kind of detail."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import DateInput
from lotse.network.models import Organisation
from lotse.people.models import (
    Address,
    ContactDetail,
    LanguageSkill,
    NameSpelling,
    Nationality,
    OfficeIdentifier,
)


class AddressForm(forms.ModelForm):
    class Meta:
        model = Address
        fields = ["street", "postcode", "place", "care_of", "valid_from", "valid_until"]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}


class ContactDetailForm(forms.ModelForm):
    class Meta:
        model = ContactDetail
        fields = ["kind", "value", "note"]


class NameSpellingForm(forms.ModelForm):
    class Meta:
        model = NameSpelling
        fields = ["given_names", "family_name", "kind", "script", "source"]


class NationalityForm(forms.ModelForm):
    class Meta:
        model = Nationality
        fields = ["country"]
        help_texts = {"country": _("ISO 3166-1 alpha-3 code, e.g. SYR.")}

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).strip().upper()


class LanguageSkillForm(forms.ModelForm):
    class Meta:
        model = LanguageSkill
        fields = ["language", "level", "interpreter_needed"]
        help_texts = {"language": _("ISO 639 code, e.g. ar, prs, uk.")}

    def clean_language(self) -> str:
        return str(self.cleaned_data["language"]).strip().lower()


class OfficeIdentifierForm(forms.ModelForm):
    class Meta:
        model = OfficeIdentifier
        fields = ["kind", "value", "issued_by"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        issued_by: Any = self.fields["issued_by"]
        issued_by.queryset = Organisation.objects.filter(is_active=True)


@dataclass(frozen=True)
class DetailKind:
    model: type[models.Model]
    form_class: type[forms.ModelForm]
    label: str | Promise


DETAIL_KINDS: dict[str, DetailKind] = {
    "address": DetailKind(Address, AddressForm, _("address")),
    "contact": DetailKind(ContactDetail, ContactDetailForm, _("contact detail")),
    "spelling": DetailKind(NameSpelling, NameSpellingForm, _("name spelling")),
    "nationality": DetailKind(Nationality, NationalityForm, _("nationality")),
    "language": DetailKind(LanguageSkill, LanguageSkillForm, _("language")),
    "identifier": DetailKind(OfficeIdentifier, OfficeIdentifierForm, _("identifier")),
}
