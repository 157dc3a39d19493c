from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from lotse.cases.models import LifeArea
from lotse.core.api.serializers import MAX_ID
from lotse.core.forms import DateInput
from lotse.directory.maintainers import maintainable_providers
from lotse.directory.models import Service, ServiceKind, ServiceLocation
from lotse.directory.search import ServiceFilters, Verified
from lotse.network.models import Organisation

language_code = RegexValidator(r"^[a-z]{2,3}$", _("An ISO 639 code such as de, ar or uk."))
VERIFIED_CHOICES = (
    (Verified.CURRENT, _("Verified in the last six months")),
    (Verified.ALL, _("Also entries not verified for six months")),
    (Verified.STALE, _("Only entries not verified for six months")),
)


def _life_area_choices() -> list[tuple[str, Any]]:
    return [("", _("Any life area"))] + [
        (area.code, area.label) for area in LifeArea.objects.filter(active=True)
    ]


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind")), *ServiceKind.choices], required=False
    )
    life_area = forms.ChoiceField(label=_("Life area"), required=False)
    language = forms.CharField(
        label=_("Language"),
        max_length=3,
        required=False,
        validators=[language_code],
        help_text=_("ISO code such as ar, fa or uk."),
    )
    place = forms.CharField(
        label=_("Place or postcode"),
        max_length=100,
        required=False,
        help_text=_("The whole place name, or the first digits of a postcode."),
    )
    target_group = forms.CharField(label=_("Target group"), max_length=100, required=False)
    provider = forms.ModelChoiceField(
        label=_("Provider"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Any provider"),
    )
    free_places = forms.BooleanField(label=_("Only with free places"), required=False)
    verified = forms.ChoiceField(label=_("Last verified"), choices=VERIFIED_CHOICES, required=False)
    person = forms.IntegerField(
        label=_("Distances from the address of person number"),
        min_value=1,
        max_value=MAX_ID,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["life_area"]
        field.choices = _life_area_choices()
        provider: Any = self.fields["provider"]
        provider.queryset = Organisation.objects.filter(
            pk__in=Service.objects.values("provider_id")
        ).order_by("name")

    def clean_language(self) -> str:
        return str(self.cleaned_data.get("language") or "").strip().lower()

    def to_filters(self) -> ServiceFilters:
        data = self.cleaned_data
        provider = data.get("provider")
        return ServiceFilters(
            q=(data.get("q") or "").strip(),
            kind=data.get("kind") or "",
            life_area=data.get("life_area") or "",
            language=data.get("language") or "",
            place=(data.get("place") or "").strip(),
            target_group=(data.get("target_group") or "").strip(),
            provider=provider.pk if provider else None,
            free_places=bool(data.get("free_places")),
            verified=data.get("verified") or Verified.CURRENT,
        )


class ServiceForm(forms.ModelForm):
    languages = forms.CharField(
        label=_("Languages offered"),
        max_length=200,
        required=False,
        help_text=_("ISO codes separated by commas, for example de, ar, uk."),
    )
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Service
        fields = [
            "provider",
            "name",
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
            "active",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "life_areas": forms.CheckboxSelectMultiple,
            "last_verified_on": DateInput(),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider: Any = self.fields["provider"]
        provider.queryset = maintainable_providers(user)
        areas: Any = self.fields["life_areas"]
        areas.queryset = LifeArea.objects.filter(active=True)

    def clean_languages(self) -> str:
        codes = [c.strip().lower() for c in self.cleaned_data.get("languages", "").split(",")]
        for code in codes:
            if code:
                language_code(code)
        return ",".join(dict.fromkeys(c for c in codes if c))


class LocationForm(forms.ModelForm):
    class Meta:
        model = ServiceLocation
        fields = [
            "street",
            "postcode",
            "place",
            "accessibility",
            "opening_hours",
            "latitude",
            "longitude",
        ]


LocationFormSet = forms.formset_factory(LocationForm, extra=1, can_delete=True, max_num=20)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Columns as in the export; rows with an id change that entry."),
    )
